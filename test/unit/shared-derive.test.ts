/**
 * The derive pieces every kind shares (src/derive/): Thai spellings of listed values,
 * periods in the authority's format, responsible parts with labels, authority
 * placeholders, title blocks, covers, dates in prose; and the render pieces: Markdown
 * headings and Thai words kept whole in table cells.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authorityPlace, authorityValues } from '../../src/derive/authority.js';
import { coverModel } from '../../src/derive/cover.js';
import { formatPeriod, periodFormat, periodBounds } from '../../src/derive/period.js';
import { formatProseDates, proseDates } from '../../src/derive/prose-dates.js';
import { DEFAULT_RESPONSIBLE_LABELS, responsibleParts } from '../../src/derive/responsible.js';
import { allSpellings, canonical } from '../../src/derive/spellings.js';
import { titleBlock, titleLines } from '../../src/derive/title-block.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { keepThaiWords, keepThaiWordsInText } from '../../src/render/thai-words.js';
import { ROOT } from '../helpers.js';

type Node = Record<string, unknown>;
const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', `${name}.schema.json`), 'utf8')) as Node;
const at = (node: Node, path: string): Node => path.split('/').reduce<Node>((n, k) => n[k] as Node, node);

describe('Thai spellings of listed values', () => {
  it('are the enums of the schemas, so editors accept exactly what derive understands', () => {
    const common = schema('common');
    const results = schema('results');
    expect(at(common, '$defs/period/then/enum')).toEqual(allSpellings('period'));
    expect(at(common, '$defs/periodFormat/properties/months/enum')).toEqual(allSpellings('months'));
    expect(at(results, '$defs/item/properties/status/enum')).toEqual(allSpellings('status'));
    expect(at(results, '$defs/column/properties/list/enum')).toEqual(allSpellings('list'));
    expect(at(results, '$defs/listItem/else/properties/list/enum')).toEqual(allSpellings('list'));
    expect(at(results, '$defs/column/properties/align/enum')).toEqual(allSpellings('align'));
    expect(at(results, '$defs/layout/properties/group_by/enum')).toEqual(allSpellings('group_by'));
    // A project's status in a progress report is spelt as a measure's in a results report.
    const progress = schema('progress');
    expect(at(progress, '$defs/project/properties/status/enum')).toEqual(allSpellings('status'));
    expect(at(progress, 'properties/round/enum')).toEqual(allSpellings('round'));
    expect(at(progress, '$defs/project/properties/period/$ref')).toBe('common.schema.json#/$defs/period');
  });

  it('turn a Thai spelling into its value, and nothing else', () => {
    expect(canonical('period', 'ตลอดปี')).toBe('whole_year');
    expect(canonical('period', 'ไตรมาสที่ ๓')).toBe('q3');
    expect(canonical('period', 'q3')).toBe('q3');
    expect(canonical('status', 'ยกเลิก')).toBe('cancelled');
    expect(canonical('period', 'ตลอดปีงบประมาณ')).toBeUndefined();
    expect(canonical('period', 'constructor')).toBeUndefined();
  });
});

describe('periods', () => {
  const full = periodFormat({ months: 'เต็ม', year_digits: 4, collapse_same_year: true, dash: '–' });

  it('print the typed forms the way the authority chose', () => {
    expect(formatPeriod('ตลอดปี', 2568, 'thai')).toBe('ต.ค. ๖๗ – ก.ย. ๖๘');
    expect(formatPeriod('q2', 2568, 'thai', full)).toBe('มกราคม–มีนาคม ๒๕๖๘');
    expect(formatPeriod('whole_year', 2568, 'arabic', full)).toBe('ตุลาคม 2567–กันยายน 2568');
    expect(formatPeriod({ from: '2025-01-06', to: '2025-03-28' }, 2568, 'thai', full)).toBe('๖ มกราคม–๒๘ มีนาคม ๒๕๖๘');
    expect(formatPeriod({ from: '2025-03', to: '2025-03' }, 2568, 'thai', full)).toBe('มีนาคม ๒๕๖๘');
    expect(formatPeriod('ไตรมาส 4', 2568, 'thai', periodFormat({ year_digits: 4 }))).toBe('ก.ค. ๒๕๖๘ – ก.ย. ๒๕๖๘');
  });

  it('print words as written, through the kind\'s placeholders', () => {
    expect(formatPeriod({ text: 'ทุกไตรมาส' }, 2568, 'thai')).toBe('ทุกไตรมาส');
    expect(formatPeriod({ text: 'ตลอดปี {{fiscal_year}}' }, 2568, 'thai', undefined, (t) => t.replace('{{fiscal_year}}', '๒๕๖๘'))).toBe('ตลอดปี ๒๕๖๘');
    expect(periodBounds({ text: 'ทุกไตรมาส' }, 2568)).toBeNull();
  });
});

describe('responsible parts', () => {
  it('label both parts by default, a lone main part not unless asked', () => {
    expect(responsibleParts({ main: 'กองคลัง', support: ['กองช่าง'] })).toEqual([
      { label: DEFAULT_RESPONSIBLE_LABELS.main.replace(' :', '\u00a0:'), units: ['กองคลัง'] },
      { label: DEFAULT_RESPONSIBLE_LABELS.support.replace(' :', '\u00a0:'), units: ['กองช่าง'] },
    ]);
    expect(responsibleParts('สำนักปลัด')).toEqual([{ label: undefined, units: ['สำนักปลัด'] }]);
    expect(responsibleParts('สำนักปลัด', { label_alone: true })[0]!.label).toBe('หน่วยงานรับผิดชอบหลัก\u00a0:');
  });

  it('take the authority\'s labels, none when empty, one part for a column of its own', () => {
    const labels = { main: 'หลัก:', support: '' };
    expect(responsibleParts({ main: ['กองคลัง'], support: 'ทุกกอง' }, labels)).toEqual([
      { label: 'หลัก:', units: ['กองคลัง'] },
      { label: undefined, units: ['ทุกกอง'] },
    ]);
    expect(responsibleParts({ main: 'กองคลัง', support: 'ทุกกอง' }, {}, 'support')).toEqual([{ label: undefined, units: ['ทุกกอง'] }]);
    expect(responsibleParts(['ส่วนราชการอื่น ๆ'])[0]!.units).toEqual(['ส่วนราชการอื่น\u00a0ๆ']);
  });
});

describe('authority placeholders', () => {
  it('are every field, and a missing one says which field to add', () => {
    const values = new Map(authorityValues({ name: 'เทศบาลตำบลตัวอย่าง', province: 'ลำปาง', head: { name: 'นายหนึ่ง', title: 'นายกเทศมนตรี' } }));
    expect([...values.keys()]).toEqual(['authority', 'authority_short', 'authority_type', 'district', 'province', 'address', 'website', 'head', 'head_title']);
    expect(values.get('authority_short')).toBe('เทศบาลตำบลตัวอย่าง');
    expect(values.get('head_title')).toBe('นายกเทศมนตรี');
    const district = values.get('district') as { missing: { en: string }; hint: { en: string } };
    expect(district.missing.en).toBe('{{district}}: the authority has no district');
    expect(district.hint.en).toContain('add district:');
    expect(authorityPlace({ name: 'x', district: 'เกาะคา', province: 'ลำปาง' })).toBe('อำเภอเกาะคา จังหวัดลำปาง');
    expect(authorityPlace({ name: 'x' })).toBeUndefined();
  });
});

describe('title blocks and covers', () => {
  const prose = (t: string) => t.replace('{{district}}', 'เกาะคา');

  it('take a list of lines, or a text with its line breaks, each with placeholders', () => {
    expect(titleLines(['รายงาน', 'อำเภอ{{district}}'], ['title'], prose)).toEqual(['รายงาน', 'อำเภอเกาะคา']);
    expect(titleLines('หนึ่ง\n  สอง  \n', ['title'], prose)).toEqual(['หนึ่ง', 'สอง']);
    expect(titleBlock(['ชื่อ'], { keep: 'ประจำปี พ.ศ. ๒๕๖๘', sub: ['หน่วยงาน'] })).toEqual({ main: { text: 'ชื่อ', keep: 'ประจำปี พ.ศ. ๒๕๖๘' }, sub: [{ text: 'หน่วยงาน' }] });
    expect(titleBlock(['ชื่อ', 'บรรทัดสอง'], { keep: 'ปี' })).toEqual({ main: { text: 'ชื่อ', keep: undefined }, sub: [{ text: 'บรรทัดสอง' }] });
  });

  it('make a cover when asked (or by the kind\'s default), with the authority\'s logo unless left out', () => {
    const authority = { name: 'เทศบาลตำบลตัวอย่าง', logo: 'data:image/png;base64,AA==' };
    const defaults = { title: ['ชื่อ'], lines: ['หน่วยงาน'], fallback: false };
    expect(coverModel(undefined, authority, defaults, prose)).toBeUndefined();
    expect(coverModel(true, authority, defaults, prose)).toEqual({ logo: authority.logo, logoAlt: 'ตราสัญลักษณ์เทศบาลตำบลตัวอย่าง', title: ['ชื่อ'], lines: ['หน่วยงาน'] });
    expect(coverModel(false, authority, { ...defaults, fallback: true }, prose)).toBeUndefined();
    const own = coverModel({ title: ['ก', 'ข'], lines: ['อำเภอ{{district}}'], logo: false }, authority, defaults, prose)!;
    expect(own).toEqual({ logo: undefined, logoAlt: 'ตราสัญลักษณ์เทศบาลตำบลตัวอย่าง', title: ['ก', 'ข'], lines: ['อำเภอเกาะคา'] });
  });
});

describe('dates in prose', () => {
  it('print in the Buddhist era; `ref` (or อ้างอิง) marks a date quoted from an earlier decision', () => {
    expect(proseDates('ลงวันที่ {{date 2024-09-13 ref}} และ {{date_long 2025-01 อ้างอิง}} และ {{date 2025-02-01}}').map((d) => [d.value, d.ref])).toEqual([
      ['2024-09-13', true],
      ['2025-01', true],
      ['2025-02-01', false],
    ]);
    expect(formatProseDates('เมื่อ {{date 2024-09-13 ref}} ถึง {{date_long 2025-01}}', 'thai')).toBe('เมื่อ ๑๓ ก.ย. ๒๕๖๗ ถึง มกราคม ๒๕๖๘');
    expect(formatProseDates('{{date 2025-02-30}}', 'thai')).toBe('{{date 2025-02-30}}');
  });
});

describe('Markdown headings in free text', () => {
  it('print as headings under the document\'s own, never as paragraphs with "##"', () => {
    const html = renderMarkdown('# ส่วนหนึ่ง\n## ความเป็นมา\nเนื้อหา ๑\n### ย่อย', 'thai');
    expect(html).toContain('<h3 class="md-heading">ส่วนหนึ่ง</h3>');
    expect(html).toContain('<h4 class="md-heading">ความเป็นมา</h4>');
    expect(html).toContain('<h5 class="md-heading">ย่อย</h5>');
    expect(html).not.toContain('##');
  });
});

describe('Thai words in table cells', () => {
  it('become unbreakable words with a break opportunity between two of them', () => {
    expect(keepThaiWordsInText('ประชุมคณะกรรมการ ครั้งที่ 2')).toBe('<span class="w">ประชุม</span><wbr><span class="w">คณะ</span><wbr><span class="w">กรรมการ</span> <span class="w">ครั้ง</span><wbr><span class="w">ที่</span> 2');
    expect(keepThaiWordsInText('E-Service & more')).toBe('E-Service & more');
  });

  it('are kept whole in <td> and <th> only, never inside a tag or an attribute', () => {
    const html = '<p>ประชุม</p><table><tr><th data-x="ประชุม">ประชุม</th><td class="a"><a href="https://x.th/ก">ประชุมคณะ</a></td></tr></table>';
    expect(keepThaiWords(html)).toBe('<p>ประชุม</p><table><tr><th data-x="ประชุม"><span class="w">ประชุม</span></th><td class="a"><a href="https://x.th/ก"><span class="w">ประชุม</span><wbr><span class="w">คณะ</span></a></td></tr></table>');
  });
});
