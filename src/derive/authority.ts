/**
 * The authority's details as placeholders, the same in every kind: `{{authority}}`,
 * `{{district}}`, `{{head_title}}`… (common.schema.json#/$defs/authority). A detail the
 * authority was written without is an error at the placeholder that needs it, saying
 * which field to add, rather than a gap in the printed sentence.
 */
import { bi } from '../diagnostics.js';
import type { PlaceholderValue } from './placeholders.js';

/** The authority as the schema checked it (an `authority.yaml` reference already resolved). */
export interface AuthorityInput {
  name: string;
  short_name?: string;
  type?: string;
  district?: string;
  province?: string;
  address?: string;
  website?: string;
  /** A data: URL once the loader embedded it. */
  logo?: string;
  head?: { name: string; title: string };
}

/** Placeholder name → the authority field it prints, with the field's Thai title. */
const FIELDS: [name: string, read: (a: AuthorityInput) => string | undefined, field: string, title: string][] = [
  ['authority', (a) => a.name, 'name', 'ชื่อหน่วยงาน'],
  ['authority_short', (a) => a.short_name ?? a.name, 'short_name', 'ชื่อย่อ'],
  ['authority_type', (a) => a.type, 'type', 'ประเภทหน่วยงาน'],
  ['district', (a) => a.district, 'district', 'อำเภอ'],
  ['province', (a) => a.province, 'province', 'จังหวัด'],
  ['address', (a) => a.address, 'address', 'ที่อยู่'],
  ['website', (a) => a.website, 'website', 'เว็บไซต์'],
  ['head', (a) => a.head?.name, 'head.name', 'ชื่อหัวหน้าหน่วยงาน'],
  ['head_title', (a) => a.head?.title, 'head.title', 'ตำแหน่งหัวหน้าหน่วยงาน'],
];

/** Every authority placeholder, for a kind's map of values. */
export function authorityValues(authority: AuthorityInput): [string, PlaceholderValue][] {
  return FIELDS.map(([name, read, field, title]) => {
    const value = read(authority);
    if (value !== undefined) return [name, value];
    return [
      name,
      {
        missing: bi(`{{${name}}}: ข้อมูลหน่วยงานไม่มี ${field} (${title})`, `{{${name}}}: the authority has no ${field}`),
        hint: bi(`เพิ่ม ${field}: ในข้อมูลหน่วยงาน (authority หรือไฟล์ authority.yaml) หรือลบ {{${name}}} ออกจากข้อความ`, `add ${field}: to the authority (or its authority.yaml), or remove {{${name}}} from the text`),
      },
    ];
  });
}

/** "อำเภอเกาะคา จังหวัดลำปาง", "จังหวัดลำปาง", or nothing: where the authority is, for covers. */
export function authorityPlace(authority: AuthorityInput): string | undefined {
  const parts = [authority.district && `อำเภอ${authority.district}`, authority.province && `จังหวัด${authority.province}`].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
