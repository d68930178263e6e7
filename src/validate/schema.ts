/**
 * JSON Schema validation (ajv, draft 2020-12) turned into diagnostics an officer
 * can act on: the line of the offending key or value, the field's Thai title,
 * what was found, and how to fix it — never ajv's "must NOT have additional properties".
 *
 * The schemas are compiled ahead of time by `npm run build` (compile.ts writes
 * dist/validate/compiled-schemas.js), so a validation loads neither ajv's compiler nor
 * the schema JSON; when that module is missing or was made from other schema files
 * (running from src/, a schema edited since the build) they are compiled here instead.
 */
import { createHash } from 'node:crypto';
import type { ErrorObject } from 'ajv';
import { bi, type Bilingual, type Diagnostic, type YamlPath } from '../diagnostics.js';
import type { LoadedYaml } from '../load/yaml.js';
import type { AmountProblem } from '../thai/money.js';
import { toArabicDigits } from '../thai/digits.js';
import { ISO_DATE_PATTERN } from './normalize.js';
import { nearest } from './suggest.js';
import { schemaTexts } from './schema-files.js';
import { bundleFile } from './bundle.js';
import { applicable, childSchemas, itemSchemas, type Schema } from './schema-walk.js';

type SchemaNode = Record<string, unknown> & { title?: string; description?: string; properties?: Record<string, SchemaNode> };

const AMOUNT_TEXT: Record<AmountProblem, { message: Bilingual; hint: Bilingual }> = {
  'not-a-number': {
    message: bi('จำนวนเงินต้องเป็นตัวเลข', 'an amount must be a number'),
    hint: bi('เขียนเป็นตัวเลขล้วน เช่น 200000 หรือ 15250.75 ถ้าไม่ใช้งบประมาณให้ลบบรรทัดนี้', 'write digits only, e.g. 200000 or 15250.75; delete the line if there is no budget'),
  },
  negative: {
    message: bi('จำนวนเงินติดลบไม่ได้', 'an amount cannot be negative'),
    hint: bi('ใส่จำนวนเงินที่เป็นบวก', 'use a positive amount'),
  },
  'too-many-decimals': {
    message: bi('จำนวนเงินมีทศนิยมเกิน 2 ตำแหน่ง (สตางค์)', 'an amount has more than 2 decimals (satang)'),
    hint: bi('ปัดเป็นทศนิยม 2 ตำแหน่ง เช่น 1250.50', 'round to 2 decimals, e.g. 1250.50'),
  },
  'thousands-separator': {
    message: bi('จำนวนเงินมีเครื่องหมายจุลภาค (,) คั่นหลักพัน', 'an amount contains thousands separators (,)'),
    hint: bi('ลบเครื่องหมาย , ออก เช่น 200000 แทน 200,000 (เครื่องมือใส่ให้เองตอนพิมพ์)', 'remove the commas: 200000 instead of 200,000 (the tool adds them when printing)'),
  },
  'too-large': {
    message: bi('จำนวนเงินมากเกินกว่าที่เป็นไปได้', 'the amount is implausibly large'),
    hint: bi('ตรวจจำนวนหลักของตัวเลข', 'check the number of digits'),
  },
};

function typeName(t: unknown, lang: 'th' | 'en'): string {
  const th: Record<string, string> = { string: 'ข้อความ', number: 'ตัวเลข', integer: 'จำนวนเต็ม', object: 'กลุ่มฟิลด์ (ชื่อ: ค่า)', array: 'รายการ (- ...)', boolean: 'true/false', null: 'ค่าว่าง' };
  // A yes/no field is answered with the two words YAML reads as such, not with the type's name.
  const en: Record<string, string> = { boolean: 'true or false' };
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => (lang === 'th' ? (th[String(x)] ?? String(x)) : (en[String(x)] ?? String(x)))).join(lang === 'th' ? ' หรือ ' : ' or ');
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'ว่าง / empty';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return Array.isArray(v) ? '[…]' : '{…}';
  return String(v);
}

/** JSON pointer → YAML path; a segment is an index only where the data is a list (budget years are keys). */
function pointerToPath(pointer: string, data: unknown): YamlPath {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const index = Array.isArray(node) && /^\d+$/.test(part);
    path.push(index ? Number(part) : part);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  return path;
}

/** The first example of a field, as it would be typed in YAML. */
function exampleOf(schema: SchemaNode | undefined): string | undefined {
  const first = Array.isArray(schema?.examples) ? (schema.examples as unknown[])[0] : undefined;
  // A yes/no field's example says no more than "true or false" already does.
  if (first === undefined || typeof first === 'boolean' || (typeof first === 'object' && first !== null)) return undefined;
  return String(first);
}

/**
 * What to do about a value the schema refused: the field's (Thai) description, or the
 * given advice, with its example; never a message without a way forward.
 */
function fieldHint(schema: SchemaNode | undefined, th: string, en: string): Bilingual {
  const example = exampleOf(schema);
  return bi(
    `${schema?.description ?? th}${example !== undefined ? ` ตัวอย่าง: ${example}` : ''}`,
    `${en}${example !== undefined ? `, e.g. ${example}` : ''}`,
  );
}

/**
 * A field may use a shared definition and say in its own words what it means there
 * (`"continued_label": { "$ref": "common.schema.json#/$defs/continuedLabel", "title": …,
 * "description": … }`). ajv reports the shared definition, whose words are general; the
 * hint should give the field's own. Looked up only for a value that has an error.
 */
function inOwnWords(reported: SchemaNode | undefined, schemaFile: string, path: YamlPath): SchemaNode | undefined {
  if (!reported || path.length === 0) return reported;
  let root: Schema;
  try {
    root = bundleFile(schemaFile);
  } catch {
    return reported;
  }
  let all = applicable(root, root);
  let declared: Schema[] = [];
  for (const segment of path) {
    declared = typeof segment === 'number' ? itemSchemas(all) : childSchemas(all, String(segment));
    all = declared.flatMap((d) => applicable(root, d));
  }
  const own = declared.find((d) => typeof d.$ref === 'string' && typeof d.description === 'string');
  if (!own) return reported;
  return { ...reported, description: own.description as string, title: (own.title as string | undefined) ?? reported.title, examples: (own.examples as unknown[] | undefined) ?? reported.examples };
}

function fieldTitle(schema: SchemaNode | undefined, key: string): string {
  const t = schema?.properties?.[key]?.title;
  return t ? `${key} (${t})` : key;
}

/** Identifies a set of schema files: the compiled module records the one it was made from. */
export function schemaHash(files: Map<string, string>): string {
  const hash = createHash('sha256');
  for (const [name, text] of files) hash.update(`${name}\0${text}\0`);
  return hash.digest('hex');
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

interface CompiledModule {
  SOURCE_HASH: string;
  VALIDATORS: Map<string, Validate>;
}

export class SchemaValidator {
  private constructor(private readonly validatorOf: (schemaFile: string) => Validate | undefined) {}

  static async load(): Promise<SchemaValidator> {
    const files = schemaTexts();
    const compiled = (await import(new URL('./compiled-schemas.js', import.meta.url).href).catch(() => undefined)) as CompiledModule | undefined;
    if (compiled?.SOURCE_HASH === schemaHash(files)) return new SchemaValidator((name) => compiled.VALIDATORS.get(name));
    const { compileSchemas } = await import('./compile.js');
    return new SchemaValidator(compileSchemas(files));
  }

  validate(schemaFile: string, doc: LoadedYaml): Diagnostic[] {
    const fn = this.validatorOf(schemaFile);
    if (!fn) throw new Error(`no schema ${schemaFile}`);
    if (fn(doc.data)) return [];
    return this.toDiagnostics(fn.errors ?? [], doc, schemaFile);
  }

  private toDiagnostics(errors: ErrorObject[], doc: LoadedYaml, schemaFile: string): Diagnostic[] {
    // An amount's own message explains a string like "200,000" better than "must be number".
    const amountPaths = new Set(errors.filter((e) => e.keyword === 'x-amount').map((e) => e.instancePath));
    // A misspelt key ("fiscal_yaer") is also a missing one ("fiscal_year"): say it once, at the typo.
    const misspelt = new Set(
      errors
        .filter((e) => e.keyword === 'additionalProperties')
        .map((e) => {
          const allowed = Object.keys((e.parentSchema as SchemaNode | undefined)?.properties ?? {});
          return `${e.instancePath}/${nearest(String((e.params as { additionalProperty: string }).additionalProperty), allowed) ?? ''}`;
        }),
    );
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const e of errors) {
      if (amountPaths.has(e.instancePath) && e.keyword !== 'x-amount') continue;
      if (e.keyword === 'required' && misspelt.has(`${e.instancePath}/${String((e.params as { missingProperty: string }).missingProperty)}`)) continue;
      const d = this.describe(e, doc, schemaFile);
      if (!d) continue;
      // The same message at the same place (a URL failing both "format" and "pattern") is said once.
      const key = `${d.line}:${d.column}:${d.message.en}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(d);
    }
    return out;
  }

  private describe(e: ErrorObject, doc: LoadedYaml, schemaFile: string): Diagnostic | undefined {
    const path = pointerToPath(e.instancePath, doc.data);
    const parent = inOwnWords(e.parentSchema as SchemaNode | undefined, schemaFile, path);
    const title = parent?.title ? ` (${parent.title})` : '';
    const base = { severity: 'error' as const, file: doc.file, path };
    const at = (p: YamlPath, key = false) => doc.locate(p, { key });
    const params = e.params as Record<string, unknown>;
    // The inner error of a propertyNames failure repeats the outer one.
    if ((e as { propertyName?: string }).propertyName !== undefined) return undefined;

    switch (e.keyword) {
      case 'additionalProperties': {
        const extra = String(params.additionalProperty);
        const allowed = Object.keys(parent?.properties ?? {});
        const guess = nearest(extra, allowed);
        const keyPath = [...path, extra];
        return {
          ...base,
          code: 'schema/unknown-key',
          path: keyPath,
          ...at(keyPath, true),
          message: bi(`ไม่รู้จักฟิลด์ "${extra}"`, `unknown key "${extra}"`),
          hint: guess
            ? bi(`หมายถึง "${guess}" หรือไม่? (${fieldTitle(parent, guess)})`, `did you mean "${guess}"?`)
            : bi(`ฟิลด์ที่ใช้ได้ที่นี่: ${allowed.join(', ')}`, `keys allowed here: ${allowed.join(', ')}`),
        };
      }
      case 'required': {
        const missing = String(params.missingProperty);
        return {
          ...base,
          code: 'schema/missing-key',
          ...at(path),
          message: bi(`ขาดฟิลด์ที่ต้องมี "${fieldTitle(parent, missing)}"`, `missing required key "${missing}"`),
          hint: bi(`เพิ่มบรรทัด ${missing}: ... ในระดับนี้`, `add a line "${missing}: ..." at this level`),
        };
      }
      case 'type': {
        // A field that received the lines indented below it (`from:` then `  to: 2568`): its value
        // starts at the neighbour's line, so point at the field itself and say what happened,
        // rather than send the officer to the neighbour's text.
        const swallowed = e.data !== null && typeof e.data === 'object' && path.length > 0 && at(path).line > at(path, true).line;
        const name = String(path[path.length - 1]);
        return {
          ...base,
          code: 'schema/type',
          ...at(path, swallowed),
          message: swallowed
            ? bi(
              `ค่าของ ${name} ต้องเป็น${typeName(params.type, 'th')}${title} แต่บรรทัดที่ย่อหน้าอยู่ใต้ ${name}: ถูกอ่านเป็นค่าของมัน`,
              `${name} must be ${typeName(params.type, 'en')}, but the lines indented below "${name}:" were read as its value`,
            )
            : bi(
              `ค่าต้องเป็น${typeName(params.type, 'th')}${title} แต่พบ ${describeValue(e.data)}`,
              `must be ${typeName(params.type, 'en')}, found ${describeValue(e.data)}`,
            ),
          hint: swallowed
            ? bi(`เขียนค่าต่อท้าย ${name}: ในบรรทัดเดียวกัน และให้บรรทัดถัดไปเริ่มที่คอลัมน์เดียวกับ ${name}`, `write the value after "${name}:" on the same line, and start the next lines at the column of "${name}"`)
            : fieldHint(parent, `เขียนค่าเป็น${typeName(params.type, 'th')}`, `write ${typeName(params.type, 'en')}`),
        };
      }
      case 'x-amount': {
        const text = AMOUNT_TEXT[params.problem as AmountProblem];
        // "๕๐,๐๐๐" → write 50000: the exact text to type.
        const plain = params.problem === 'thousands-separator' && typeof e.data === 'string' ? toArabicDigits(e.data).replace(/[,\s]/g, '') : undefined;
        const hint = plain ? bi(`เขียน ${plain} (ไม่มีเครื่องหมาย , เครื่องมือใส่ให้เองตอนพิมพ์)`, `write ${plain} (no commas; the tool adds them when printing)`) : text.hint;
        return { ...base, code: `amount/${String(params.problem)}`, ...at(path), message: bi(`${text.message.th}: พบ ${describeValue(e.data)}`, `${text.message.en}: found ${describeValue(e.data)}`), hint };
      }
      case 'enum':
      case 'const': {
        const allowed = (e.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue]).map(String);
        const guess = typeof e.data === 'string' ? nearest(e.data, allowed) : undefined;
        // A field that takes other forms besides these values (a period's { from, to }) says so in "x-hint".
        const other = parent?.['x-hint'] as Bilingual | undefined;
        const list = other ?? bi(`ค่าที่ใช้ได้: ${allowed.join(', ')}`, `allowed values: ${allowed.join(', ')}`);
        return {
          ...base,
          code: `schema/${e.keyword}`,
          ...at(path),
          message: bi(`ค่า ${describeValue(e.data)} ใช้ไม่ได้${title}`, `value ${describeValue(e.data)} is not allowed`),
          hint: guess ? bi(`หมายถึง "${guess}" หรือไม่? ${list.th}`, `did you mean "${guess}"? ${list.en}`) : list,
        };
      }
      case 'minLength':
      case 'minItems':
      case 'minProperties':
        return {
          ...base,
          code: 'schema/empty',
          ...at(path),
          message: e.keyword === 'minLength' && Number(params.limit) > 1
            ? bi(`ข้อความสั้นเกินไป${title}`, 'the text is too short')
            : bi(`ต้องไม่ว่าง${title}`, 'must not be empty'),
          hint: bi('ใส่ข้อมูล หรือลบฟิลด์นี้ถ้าไม่จำเป็น', 'fill it in, or remove the key if it is optional'),
        };
      case 'minimum':
      case 'maximum': {
        const yearLike = typeof e.data === 'number' && e.data > 1900 && e.data < 2200;
        return {
          ...base,
          code: `schema/${e.keyword}`,
          ...at(path),
          message: bi(`ค่า ${describeValue(e.data)} ${e.keyword === 'minimum' ? 'น้อย' : 'มาก'}เกินไป${title} (${params.comparison} ${params.limit})`, `value ${describeValue(e.data)} must be ${params.comparison} ${params.limit}`),
          hint: yearLike
            ? bi(`ดูเหมือนเป็นปี ค.ศ. ให้ใช้ปี พ.ศ. (${Number(e.data) + 543})`, `this looks like a Christian-era year; use the Buddhist-era year (${Number(e.data) + 543})`)
            : fieldHint(parent, `ใช้ค่าที่ ${params.comparison} ${params.limit}`, `use a value ${params.comparison} ${params.limit}`),
        };
      }
      case 'pattern':
      case 'format':
        if (e.keyword === 'pattern' && ISO_DATE_PATTERN.test(String(params.pattern))) {
          const month = new RegExp(String(params.pattern), 'u').test('2024-10');
          return {
            ...base,
            code: 'schema/pattern',
            ...at(path),
            message: bi(`วันที่ ${describeValue(e.data)} ไม่อยู่ในรูปแบบที่ใช้ได้${title}`, `${describeValue(e.data)} is not a date in the form this field takes`),
            hint: bi(
              `เขียนเป็นปี ค.ศ. แบบ ${month ? 'ปปปป-ดด-วว หรือเดือน ปปปป-ดด' : 'ปปปป-ดด-วว'} เช่น ${exampleOf(parent) ?? '2024-10-01'} (เครื่องมือพิมพ์เป็น พ.ศ. ให้เอง) หรือเขียนแบบไทย เช่น 1 ต.ค. 2567`,
              `write a Christian-era date YYYY-MM-DD${month ? ' or month YYYY-MM' : ''}, e.g. ${exampleOf(parent) ?? '2024-10-01'} (the tool prints the Buddhist era), or the Thai way, e.g. 1 ต.ค. 2567`,
            ),
          };
        }
        return {
          ...base,
          code: `schema/${e.keyword}`,
          ...at(path),
          message: bi(`รูปแบบของค่า ${describeValue(e.data)} ไม่ถูกต้อง${title}`, `value ${describeValue(e.data)} has the wrong form`),
          hint: fieldHint(parent, 'เขียนให้อยู่ในรูปแบบเดียวกับตัวอย่าง', 'write it in the form of the example'),
        };
      case 'propertyNames': {
        const name = String(params.propertyName);
        const keyPath = [...path, name];
        return {
          ...base,
          code: 'schema/key-name',
          path: keyPath,
          ...at(keyPath, true),
          message: bi(`ชื่อฟิลด์ "${name}" ใช้ไม่ได้ที่นี่${title}`, `"${name}" is not a valid key here`),
          // A year key in Thai digits (๒๕๖๖:) is the one case of a key that must be typed in Arabic digits.
          hint: toArabicDigits(name) !== name
            ? bi(`ชื่อฟิลด์ใช้เลขอารบิก: เขียน ${toArabicDigits(name)}: แทน ${name}:`, `keys take Arabic digits: write ${toArabicDigits(name)}: instead of ${name}:`)
            : fieldHint(parent, 'เปลี่ยนชื่อฟิลด์ให้อยู่ในรูปแบบที่ใช้ได้', 'rename the key to an allowed form'),
        };
      }
      case 'if':
      case 'anyOf':
      case 'oneOf':
        return undefined;
      default:
        return {
          ...base,
          code: `schema/${e.keyword}`,
          ...at(path),
          message: bi(`ค่าไม่ถูกต้อง${title}: ${e.message ?? ''}`, `invalid value: ${e.message ?? ''}`),
          hint: fieldHint(parent, 'ตรวจค่าตามคำอธิบายของฟิลด์ (ใน VS Code ชี้เมาส์ที่ชื่อฟิลด์เพื่อดูคำอธิบาย)', 'check the value against the field description (hover over the key in VS Code)'),
        };
    }
  }
}
