/**
 * Nothing unfinished is published: text of the starters that `init` wrote and the officer
 * has not replaced yet is a warning at its line (validate, build, preview; an error with
 * --strict). Two kinds of leftovers:
 * - a value, a list item or a line of a text that is wholly in parentheses, the way the
 *   starters mark what to replace: `(ชื่อโครงการ เช่น …)`, `(ชื่อ-นามสกุล นายก)` — unless the
 *   field's schema says its value is printed as written (`"x-verbatim": true`: labels such as
 *   `continued_label: (ต่อจากหน้าก่อน)`, responsible labels, column titles, group and topic
 *   numbers), where brackets are the authority's own words;
 * - a value the starters give as an example of a name (`เทศบาลตำบลตัวอย่าง`, "example
 *   municipality"), still at the place init wrote it, which happens when init is not
 *   given the authority's name. (The same name elsewhere, say in a test's own document,
 *   is somebody's choice, not a leftover.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bi, type Diagnostic, type YamlPath } from '../diagnostics.js';
import { readSource } from '../load/source.js';
import { parseYaml, type LoadedYaml } from '../load/yaml.js';
import { STARTER_DIR } from '../paths.js';
import { bundleFile, schemaFileOf } from './bundle.js';
import { applicable, childSchemas, itemSchemas, type Schema } from './schema-walk.js';

/** "(…)" and nothing else, with no bracket closed before the end: "(ก) และ (ข)" is not one. */
function isParenthesized(text: string): boolean {
  return text.length > 2 && text.startsWith('(') && text.endsWith(')') && text.indexOf(')') === text.length - 1;
}

const EXAMPLE_WORD = 'ตัวอย่าง';
/** Per kind of file (`authority`, `measures`…): the paths where the starter has an example name, and that name. */
let starterExamples: Map<string, { path: string[]; value: string }[]> | undefined;

function examples(): Map<string, { path: string[]; value: string }[]> {
  if (starterExamples) return starterExamples;
  const found = new Map<string, { path: string[]; value: string }[]>();
  for (const f of readdirSync(STARTER_DIR).filter((n) => n.endsWith('.yaml'))) {
    const data = parse(readFileSync(join(STARTER_DIR, f), 'utf8')) as Record<string, unknown>;
    const list: { path: string[]; value: string }[] = [];
    const collect = (v: unknown, path: string[]): void => {
      if (typeof v === 'string' && v.includes(EXAMPLE_WORD) && !isParenthesized(v)) list.push({ path, value: v });
      else if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k, item] of Object.entries(v)) collect(item, [...path, k]);
    };
    collect(data, []);
    found.set(String(data.kind), list);
  }
  starterExamples = found;
  return found;
}

function valueAt(data: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined), data);
}

const LEFTOVER = {
  leftover: {
    message: (text: string) => bi(`ยังเป็นข้อความจากไฟล์เริ่มต้น: ${text}`, `starter text not replaced yet: ${text}`),
    hint: bi('แทนด้วยข้อมูลจริง หรือลบออก (ข้อความนี้จะพิมพ์ลงใน PDF ตามที่เขียน)', 'replace it with the real text, or delete it (it would be printed in the PDF as it is)'),
  },
  example: {
    message: (text: string) => bi(`ยังเป็นชื่อตัวอย่างจากไฟล์เริ่มต้น: ${text}`, `the starter's example name is still here: ${text}`),
    hint: bi('แก้เป็นชื่อจริงของหน่วยงานหรือตำแหน่ง', "write the authority's or the position's real name"),
  },
};

/** A warning at `text` inside the value at `path`. */
function warning(doc: LoadedYaml, kind: keyof typeof LEFTOVER, path: YamlPath, text: string): Diagnostic {
  return { severity: 'warning', code: `starter/${kind}`, file: doc.file, path, ...doc.locateText(path, text), message: LEFTOVER[kind].message(text), hint: LEFTOVER[kind].hint };
}

/** The schema of a file's kind (a bundle), or none for a file of no kind this tool knows: then every bracketed value counts. */
function schemaOf(kind: unknown): Schema | undefined {
  const file = typeof kind === 'string' ? schemaFileOf(kind) : undefined;
  return file ? bundleFile(file) : undefined;
}

/** The leftovers in the data of `doc`, each at its line. Read before the authority file is merged in. */
export function findLeftovers(doc: LoadedYaml): Diagnostic[] {
  const out: Diagnostic[] = [];
  const kind = valueAt(doc.data, ['kind']);
  for (const e of examples().get(String(kind)) ?? []) if (valueAt(doc.data, e.path) === e.value) out.push(warning(doc, 'example', e.path, e.value));
  const root = schemaOf(kind);
  const visit = (v: unknown, path: YamlPath, schemas: Schema[]): void => {
    const all = root ? schemas.flatMap((s) => applicable(root, s)) : [];
    if (typeof v === 'string') {
      if (all.some((s) => s['x-verbatim'] === true)) return;
      for (const line of v.split('\n').map((l) => l.trim())) if (isParenthesized(line)) out.push(warning(doc, 'leftover', path, line));
    } else if (Array.isArray(v)) v.forEach((item, i) => visit(item, [...path, i], itemSchemas(all)));
    else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const child = childSchemas(all, k);
        // A key the schema does not allow is already an error ("did you mean …"): a value under
        // a misspelt `continued_lable: (ต่อ)` is the officer's own, not a starter's leftover.
        if (child.length === 0 && all.some((s) => s.additionalProperties === false)) continue;
        visit(item, [...path, k], child);
      }
    }
  };
  visit(doc.data, [], root ? [root] : []);
  return out;
}

/** The leftovers of other YAML files a document was made from (its authority file and what that extends), at their lines. */
export async function findLeftoversIn(files: string[]): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const file of files.filter((f) => /\.ya?ml$/i.test(f))) {
    const source = await readSource(file);
    const loaded = source.ok ? parseYaml(file, source.text).loaded : undefined;
    if (loaded) out.push(...findLeftovers(loaded));
  }
  return out;
}
