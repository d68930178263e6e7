/**
 * The copies of the schemas made for editors (yaml-language-server, the engine of VS Code's
 * YAML extension), generated from schemas/*.json, which ajv keeps using as they are.
 *
 * yaml-language-server 1.25 reports every problem in English ("Property budjet is not
 * allowed.", 'String does not match the pattern of "^\d{4}-…"') unless the schema node
 * carries `errorMessage` (used for type, enum, const, required and unknown keys: one text
 * for all of them) or `patternErrorMessage` (pattern and format). It shows `title` as a
 * hover's heading but only `markdownDescription || description` in completions. So each
 * node here gets, in Thai, what to type:
 * - `errorMessage` for its type, enum or const, and `patternErrorMessage` for its pattern;
 * - its unknown-key check and each required key moved into an `allOf` part of their own,
 *   each with its own message (on the node they would share the type's message);
 * - its Thai title as the first line of `markdownDescription` (and no `title`, so a hover
 *   does not show it twice), so completions and hovers start with the Thai title.
 * Values the tool itself accepts (src/validate/normalize.ts) are accepted here too: Thai
 * digits where a number goes, dates written the Thai way where an ISO date goes.
 */
import { THAI_MONTHS, THAI_MONTHS_ABBR } from '../thai/index.js';
import { resolveLocalRef, type Json, type JsonObject } from './bundle.js';
import { ISO_DATE_PATTERN } from './normalize.js';

type Node = JsonObject;

const TYPE_TH: Record<string, string> = { string: 'ข้อความ', number: 'ตัวเลข', integer: 'ตัวเลขจำนวนเต็ม', object: 'กลุ่มฟิลด์ (ชื่อ: ค่า ในบรรทัดที่ย่อหน้าเข้าไป)', array: 'รายการ (บรรทัดละ - …)', boolean: 'true หรือ false', null: 'ค่าว่าง' };

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs'];
const SCHEMA_ONE = ['items', 'additionalProperties', 'not', 'then', 'else', 'propertyNames', 'contains'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

function isNode(v: Json | undefined): v is Node {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function typesOf(node: Node): string[] {
  const t = node.type;
  return Array.isArray(t) ? t.map(String) : typeof t === 'string' ? [t] : [];
}

function example(node: Node): string | undefined {
  const first = Array.isArray(node.examples) ? node.examples[0] : undefined;
  return first === undefined || (first !== null && typeof first === 'object') ? undefined : String(first);
}

/** A field's own schema, or the one its `$ref` names in the bundle `root` (for its title). */
function described(schema: Json | undefined, root: Node): Node | undefined {
  if (!isNode(schema)) return undefined;
  if (typeof schema.title === 'string' || typeof schema.$ref !== 'string') return schema;
  return resolveLocalRef(root, schema.$ref);
}

/** `name (ชื่อหน่วยงาน)`: a key with the Thai title of its field. */
function keyWithTitle(key: string, schema: Json | undefined, root: Node): string {
  const title = described(schema, root)?.title;
  return typeof title === 'string' ? `${key} (${title})` : key;
}

const THAI_NUMBER = '^[๐-๙]+(\\.[๐-๙]+)?$';
/** A date written the Thai way (src/thai/dates.ts): `1 ต.ค. 2567`, `๑ ตุลาคม ๒๕๖๗`, `ต.ค. 67`, `15/10/2567`. */
function thaiDatePattern(): string {
  const escape = (s: string) => s.replace(/\./g, '\\.?');
  const months = [...THAI_MONTHS, ...THAI_MONTHS_ABBR.map(escape)].join('|');
  const d = '[0-9๐-๙]';
  return `^(วันที่\\s*)?(${d}{1,2}\\s*)?(เดือน\\s*)?(${months})\\s*(พ\\.ศ\\.|ค\\.ศ\\.)?\\s*(${d}{4}|${d}{2})$|^${d}{1,2}[/.-]${d}{1,2}[/.-](${d}{4}|${d}{2})$|^${d}{4}-${d}{2}(-${d}{2})?$`;
}

function typeMessage(node: Node): string | undefined {
  if (Array.isArray(node.enum)) return `ใช้ได้เฉพาะค่าใดค่าหนึ่งต่อไปนี้: ${node.enum.map((v) => String(v)).join(', ')}`;
  if (node.const !== undefined) return `ต้องเป็น ${String(node.const)}`;
  const types = typesOf(node);
  if (types.length === 0) return undefined;
  const title = typeof node.title === 'string' ? `${node.title}: ` : '';
  const e = example(node);
  const amount = node['x-amount'] === true ? ' ไม่มีเครื่องหมายจุลภาค ทศนิยมไม่เกิน 2 ตำแหน่ง' : '';
  return `${title}ต้องเป็น${types.map((t) => TYPE_TH[t] ?? t).join(' หรือ ')}${amount}${e !== undefined ? ` เช่น ${e}` : ''}`;
}

function patternMessage(node: Node): string {
  const pattern = typeof node.pattern === 'string' ? node.pattern : '';
  if (ISO_DATE_PATTERN.test(pattern)) {
    const month = new RegExp(pattern, 'u').test('2024-10');
    return `เขียนวันที่เป็นปี ค.ศ. แบบ ${month ? 'ปปปป-ดด-วว หรือเดือน ปปปป-ดด' : 'ปปปป-ดด-วว'} เช่น ${example(node) ?? '2024-10-01'} (เครื่องมือพิมพ์เป็น พ.ศ. ให้เอง) หรือแบบไทย เช่น 1 ต.ค. 2567`;
  }
  const what = typeof node.description === 'string' ? node.description : typeof node.title === 'string' ? `รูปแบบของ${node.title}ไม่ถูกต้อง` : 'รูปแบบไม่ถูกต้อง';
  const e = example(node);
  return `${what}${e !== undefined ? ` เช่น ${e}` : ''}`;
}

function unknownKeyMessage(node: Node, root: Node): string {
  const props = isNode(node.properties) ? node.properties : {};
  return `ไม่รู้จักชื่อฟิลด์นี้ (สะกดผิด หรือย่อหน้าผิดระดับ?) ฟิลด์ที่ใช้ได้ที่นี่: ${Object.keys(props).map((k) => keyWithTitle(k, props[k], root)).join(', ')}`;
}

function missingMessage(node: Node, key: string, root: Node): string {
  const sub = isNode(node.properties) ? node.properties[key] : undefined;
  const found = described(sub, root);
  const e = found ? example(found) : undefined;
  return `ขาดฟิลด์ที่ต้องมี: ${keyWithTitle(key, sub, root)} เพิ่มบรรทัด ${key}: ${e ?? '…'} ในระดับนี้`;
}

function transform(node: Node, root: Node): Node {
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (SCHEMA_MAPS.includes(key) && isNode(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isNode(v) ? transform(v, root) : v]));
    else if (SCHEMA_ONE.includes(key) && isNode(value)) out[key] = transform(value, root);
    else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) out[key] = value.map((v) => (isNode(v) ? transform(v, root) : v));
    else out[key] = value;
  }
  const parts: Node[] = Array.isArray(out.allOf) ? (out.allOf.filter(isNode) as Node[]) : [];

  // Unknown keys and missing keys: each its own part, with its own message.
  if (out.additionalProperties === false) {
    const known: Node = Object.fromEntries(Object.keys(isNode(out.properties) ? out.properties : {}).map((k) => [k, true]));
    const part: Node = { properties: known, additionalProperties: false, errorMessage: unknownKeyMessage(node, root) };
    if (isNode(out.patternProperties)) part.patternProperties = Object.fromEntries(Object.keys(out.patternProperties).map((p) => [p, true]));
    parts.push(part);
    delete out.additionalProperties;
  }
  if (Array.isArray(out.required)) {
    for (const key of out.required.map(String)) parts.push({ required: [key], errorMessage: missingMessage(node, key, root) });
    delete out.required;
  }
  if (parts.length > 0) out.allOf = parts;

  // Thai digits where a number goes.
  const types = typesOf(out);
  if ((types.includes('number') || types.includes('integer')) && !types.includes('string') && out.pattern === undefined) {
    out.type = [...types, 'string'];
    out.pattern = THAI_NUMBER;
    out.patternErrorMessage = typeMessage(node)!;
  }
  const message = typeMessage(node);
  if (message) out.errorMessage = message;
  if (typeof out.pattern === 'string' && out.patternErrorMessage === undefined) {
    out.patternErrorMessage = patternMessage(node);
    if (ISO_DATE_PATTERN.test(out.pattern)) out.pattern = `${out.pattern}|${thaiDatePattern()}`;
  } else if (typeof out.format === 'string' && out.patternErrorMessage === undefined) {
    out.patternErrorMessage = patternMessage(node);
  }

  // The Thai title first, in completions as in hovers.
  if (typeof out.title === 'string') {
    const description = typeof out.description === 'string' ? `\n\n${out.description}` : '';
    out.markdownDescription = `#### ${out.title}${description}`;
    delete out.title;
  }
  return out;
}

/** Only the definitions the schema refers to (the common ones of other kinds would only add weight). */
function pruneDefs(root: Node): Node {
  const defs = isNode(root.$defs) ? root.$defs : {};
  const used = new Set<string>();
  const scan = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(scan);
    else if (isNode(v)) {
      for (const [k, x] of Object.entries(v)) {
        const name = k === '$ref' && typeof x === 'string' ? /^#\/\$defs\/([^/]+)/.exec(x)?.[1] : undefined;
        if (name !== undefined && !used.has(name)) {
          used.add(name);
          scan(defs[name] ?? null);
        } else scan(x);
      }
    }
  };
  const { $defs: _, ...rest } = root;
  scan(rest);
  return { ...rest, $defs: Object.fromEntries(Object.entries(defs).filter(([name]) => used.has(name))) };
}

/** The editor copy of a bundled schema (src/validate/bundle.ts). */
export function editorSchema(bundle: JsonObject): JsonObject {
  const { $comment, ...rest } = bundle;
  // No title is left anywhere, the root's included: yaml-language-server would show the
  // nearest one above a field (the kind's name) as the heading of the field's hover.
  const root = pruneDefs(transform(rest, rest));
  return { ...($comment === undefined ? {} : { $comment }), ...root };
}
