/**
 * `ita-report fields [KIND] [--markdown] [-o DIR]`: the fields of a kind of document for
 * people, as an indented tree the shape of the YAML: each key with its Thai title, its type,
 * whether it must be there, and an example. `--markdown` gives the same reference as a page
 * (with the descriptions); `-o DIR` writes one page per kind (docs/fields/, kept up to date
 * with the schemas by a test). Read from the schemas themselves, so it cannot drift.
 */
import { join } from 'node:path';
import { bi, type Lang } from '../diagnostics.js';
import { prepareOutputs, replaceRefusal, writeAtomically } from '../batch/outputs.js';
import { bundledSchema, resolveLocalRef, schemaKinds, type Json, type JsonObject } from '../validate/bundle.js';
import { kindChoices } from '../validate/suggest.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, printDiagnostics } from './report.js';

/** One line of the reference. */
export interface Field {
  depth: number;
  /** `name`, or `- ` for the items of a list, or `2566` for keys that are data (`ปี พ.ศ.`). */
  key: string;
  /** The items of a list: written `- …`. */
  item: boolean;
  title?: string;
  description?: string;
  types: string[];
  required: boolean;
  example?: string;
}

const TYPE_NAMES: Record<string, { th: string; en: string }> = {
  string: { th: 'ข้อความ', en: 'text' },
  number: { th: 'ตัวเลข', en: 'number' },
  integer: { th: 'จำนวนเต็ม', en: 'whole number' },
  object: { th: 'กลุ่มฟิลด์', en: 'fields' },
  array: { th: 'รายการ', en: 'list' },
  boolean: { th: 'true/false', en: 'true/false' },
};

type Node = JsonObject;

function isNode(v: Json | undefined): v is Node {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The node with its `$ref` followed (the node's own title and description win), and its if/then/else sides. */
function expand(node: Node, root: Node, seen: Set<Node>): Node[] {
  if (seen.has(node)) return [node];
  const next = new Set(seen).add(node);
  const out = [node];
  if (typeof node.$ref === 'string') {
    const target = resolveLocalRef(root, node.$ref);
    if (target) out.push(...expand(target, root, next));
  }
  for (const side of ['then', 'else']) if (isNode(node[side])) out.push(...expand(node[side] as Node, root, next));
  for (const list of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(node[list])) for (const s of node[list]) if (isNode(s)) out.push(...expand(s, root, next));
  return out;
}

function first<T>(nodes: Node[], pick: (n: Node) => T | undefined): T | undefined {
  for (const n of nodes) {
    const v = pick(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

function exampleText(v: Json | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object') return String(v);
  const text = JSON.stringify(v).replace(/"([^"]+)":/g, '$1: ').replace(/,/g, ', ').replace(/"/g, '');
  return text.length > 80 ? undefined : text;
}

/** The reference of a kind: its fields depth first, in the schema's order. */
export function fieldsOf(kind: string): Field[] {
  const root = bundledSchema(kind);
  if (!root) return [];
  const out: Field[] = [];
  // A definition met again below itself (a list item with sub-items) is not unfolded again.
  const walk = (node: Node, depth: number, key: string, item: boolean, required: boolean, path: Set<Node>): void => {
    const all = expand(node, root, new Set());
    const types = [...new Set(all.flatMap((n) => (Array.isArray(n.type) ? n.type.map(String) : typeof n.type === 'string' ? [n.type] : [])))];
    const constant = first(all, (n) => (n.const !== undefined ? String(n.const) : undefined));
    const values = first(all, (n) => (Array.isArray(n.enum) ? n.enum.map(String) : undefined));
    // The items of a list of texts say nothing the list's own line does not.
    if (item && !types.includes('object') && !types.includes('array')) return;
    out.push({
      depth,
      key,
      item,
      title: first(all, (n) => (typeof n.title === 'string' ? n.title : undefined)),
      description: first(all, (n) => (typeof n.description === 'string' ? n.description : undefined)),
      types: constant !== undefined ? [`= ${constant}`] : values ? [values.join(' | ')] : types,
      required,
      example: first(all, (n) => (Array.isArray(n.examples) ? exampleText(n.examples[0]) : undefined)),
    });
    if (all.some((n) => path.has(n))) return;
    const inside = new Set([...path, ...all]);
    const requiredKeys = new Set(all.flatMap((n) => (Array.isArray(n.required) ? n.required.map(String) : [])));
    const seenKeys = new Set<string>();
    for (const n of all) {
      if (isNode(n.properties)) {
        for (const [k, sub] of Object.entries(n.properties)) {
          if (seenKeys.has(k) || !isNode(sub)) continue;
          seenKeys.add(k);
          walk(sub, depth + 1, k, false, requiredKeys.has(k), inside);
        }
      }
      // Keys that are data (budget years): one line for all of them.
      if (isNode(n.additionalProperties) && isNode(n.propertyNames)) {
        const sample = Array.isArray(n.examples) && isNode(n.examples[0]) ? Object.keys(n.examples[0])[0] : undefined;
        walk(n.additionalProperties, depth + 1, sample ?? '…', false, false, inside);
      }
      if (isNode(n.items)) walk(n.items, depth + 1, '-', true, false, inside);
    }
  };
  walk(root, -1, '', false, true, new Set());
  return out.slice(1);
}

function typeText(f: Field, lang: Lang): string {
  return f.types.map((t) => TYPE_NAMES[t]?.[lang] ?? t).join(lang === 'th' ? ' หรือ ' : ' or ');
}

function requiredText(f: Field, lang: Lang): string {
  return lang === 'th' ? (f.required ? 'ต้องมี' : 'ไม่บังคับ') : f.required ? 'required' : 'optional';
}

/** The tree for a terminal: `  name: ชื่อหน่วยงาน · ข้อความ · ต้องมี · เช่น …`. */
export function fieldsText(kind: string, lang: Lang): string {
  return fieldsOf(kind)
    .map((f) => {
      const head = `${'  '.repeat(f.depth)}${f.item ? '-' : `${f.key}:`}`;
      const parts = [f.title, typeText(f, lang), f.item ? undefined : requiredText(f, lang), f.example !== undefined ? `${lang === 'th' ? 'เช่น' : 'e.g.'} ${f.example}` : undefined].filter(Boolean);
      return `${head} ${parts.join(' · ')}`;
    })
    .join('\n');
}

/** The same reference as a Markdown page, with the descriptions. */
export function fieldsMarkdown(kind: string): string {
  const schema = bundledSchema(kind)!;
  const lines = [
    `# ${String(schema.title ?? kind)}`,
    '',
    `ฟิลด์ของเอกสาร \`kind: ${kind}\` เรียงตามโครงสร้างของไฟล์ YAML (สร้างจาก schemas/ ด้วย \`ita-report fields ${kind} --markdown\`; อย่าแก้ด้วยมือ).`,
    `The fields of a \`kind: ${kind}\` document, in the shape of the YAML (generated from schemas/; do not edit by hand).`,
    '',
  ];
  for (const f of fieldsOf(kind)) {
    const key = f.item ? '`-` (แต่ละข้อในรายการ)' : `\`${f.key}\``;
    const facts = [typeText(f, 'th'), f.item ? undefined : requiredText(f, 'th'), f.example !== undefined ? `เช่น \`${f.example}\`` : undefined].filter(Boolean).join(' · ');
    lines.push(`${'  '.repeat(f.depth)}- ${key}${f.title ? ` **${f.title}**` : ''} — ${facts}${f.description ? `<br>${f.description}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface FieldsOptions {
  markdown?: boolean;
  out?: string;
}

/** `ita-report fields [KIND] [--markdown] [-o DIR]`; returns the exit code. */
export async function fieldsCommand(kind: string | undefined, opts: FieldsOptions, lang: Lang): Promise<number> {
  const kinds = schemaKinds();
  if (opts.out !== undefined) {
    // Like build's outputs (batch/outputs.ts): -o is a folder, and only pages this command wrote are replaced.
    const targets = (kind === undefined ? kinds : [kind]).filter((k) => kinds.includes(k)).map((k) => ({ file: k, output: join(opts.out!, `${k}.md`) }));
    const notAFolder = await prepareOutputs(targets, opts.out);
    if (notAFolder.length > 0) {
      printDiagnostics(notAFolder, lang);
      return EXIT_USAGE;
    }
    const refused = [];
    for (const t of targets) {
      const refusal = await replaceRefusal(t.output);
      if (refusal) refused.push({ severity: 'error' as const, file: t.output, line: 0, column: 0, path: [], ...refusal });
    }
    if (refused.length > 0) {
      printDiagnostics(refused, lang);
      return EXIT_INVALID;
    }
    for (const t of targets) await writeAtomically(t.output, new TextEncoder().encode(fieldsMarkdown(t.file)));
    return EXIT_OK;
  }
  if (kind === undefined || !kinds.includes(kind)) {
    const choices = kindChoices(kind, kinds);
    const problem = kind === undefined ? bi('ระบุชนิดเอกสาร', 'name a document kind') : bi(`ไม่รู้จักชนิดเอกสาร "${kind}"`, `unknown document kind "${kind}"`);
    process.stderr.write(`ita-report: ${bi(`${problem.th} ${choices.th}`, `${problem.en}; ${choices.en}`)[lang]}\n`);
    return EXIT_USAGE;
  }
  process.stdout.write(`${opts.markdown ? fieldsMarkdown(kind) : `${fieldsText(kind, lang)}\n`}`);
  return EXIT_OK;
}
