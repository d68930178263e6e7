/**
 * YAML text → plain data, keeping a map back to the source so every later stage
 * (schema, rules, placeholders) can point at a line and column.
 *
 * The `yaml` package's default core schema keeps `2024-10-01` as a string, which
 * is what we want: a Date would be shifted by the local timezone (domain.md §3).
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import { bi, type Bilingual, type Diagnostic, type YamlPath } from '../diagnostics.js';
import { toArabicDigits } from '../thai/digits.js';

export interface Position {
  line: number;
  column: number;
}

export interface LoadedYaml {
  file: string;
  text: string;
  data: unknown;
  /** Position of the value at `path` (or of its key with `{ key: true }`); falls back to the deepest existing ancestor. */
  locate(path: YamlPath, opts?: { key?: boolean }): Position;
  /** Source offsets [start, end) of the value at `path`, when it exists. */
  range(path: YamlPath): [number, number] | undefined;
  positionOf(offset: number): Position;
  /** Position of `needle` inside the value at `path` (block scalars included), else of the value itself. */
  locateText(path: YamlPath, needle: string): Position;
  /** Other files this document was made from, filled in by the kind's rules. */
  dependencies: string[];
}

const YAML_ERROR_TEXT: Record<string, { message: Bilingual; hint: Bilingual }> = {
  TAB_AS_INDENT: {
    message: bi('มีอักขระแท็บ (Tab) ใช้เป็นการย่อหน้า YAML ย่อหน้าได้ด้วยเว้นวรรคเท่านั้น', 'a tab character is used for indentation; YAML indents with spaces only'),
    hint: bi('ลบแท็บแล้วเว้นวรรค 2 ช่องต่อระดับ (ใน VS Code: Convert Indentation to Spaces)', 'replace the tab with spaces, 2 per level (VS Code: "Convert Indentation to Spaces")'),
  },
  DUPLICATE_KEY: {
    message: bi('ชื่อฟิลด์ซ้ำกันในระดับเดียวกัน', 'the same key appears twice at this level'),
    hint: bi('ลบหรือเปลี่ยนชื่อฟิลด์ที่ซ้ำ ค่าหลังจะไม่ทับค่าแรก', 'remove or rename one of them'),
  },
  BAD_INDENT: {
    message: bi('การย่อหน้าไม่ตรงกับระดับของข้อมูล', 'the indentation does not match the nesting'),
    hint: bi('จัดให้ฟิลด์ในระดับเดียวกันเริ่มที่คอลัมน์เดียวกัน (เว้นวรรค 2 ช่องต่อระดับ)', 'align keys of the same level at the same column (2 spaces per level)'),
  },
  MISSING_CHAR: {
    message: bi('ขาดเครื่องหมายปิด เช่น " หรือ ] หรือ }', 'a closing character is missing, such as " ] or }'),
    hint: bi('ตรวจว่าเครื่องหมายคำพูดและวงเล็บเปิด-ปิดครบคู่', 'check that quotes and brackets are closed'),
  },
  BLOCK_AS_IMPLICIT_KEY: {
    message: bi('โครงสร้างไม่ถูกต้อง อาจลืมเครื่องหมาย : หรือย่อหน้าผิด', 'bad structure: a ":" may be missing or the indentation is wrong'),
    hint: bi('ทุกบรรทัดของฟิลด์ต้องเป็น ชื่อ: ค่า', 'each field line must be "key: value"'),
  },
  MULTILINE_IMPLICIT_KEY: {
    message: bi('ข้อความหลายบรรทัดถูกอ่านเป็นชื่อฟิลด์ อาจลืม : หรือต้องใช้ |', 'a multi-line text was read as a key: a ":" may be missing, or the text needs "|"'),
    hint: bi('ข้อความหลายบรรทัดให้เขียน ฟิลด์: | แล้วขึ้นบรรทัดใหม่ย่อหน้าเข้าไป', 'write multi-line text as "key: |" followed by indented lines'),
  },
};

const GENERIC_YAML_ERROR = {
  hint: bi(
    'ตรวจการย่อหน้า เครื่องหมาย : และเครื่องหมายคำพูดในบรรทัดนี้และบรรทัดก่อนหน้า ข้อความที่มี ": " ให้ใส่ในเครื่องหมายคำพูด',
    'check indentation, ":" and quotes on this line and the one before; quote text that contains ": "',
  ),
};

function yamlErrorToDiagnostic(file: string, err: YAMLError, lines: LineCounter, severity: 'error' | 'warning'): Diagnostic {
  const pos = lines.linePos(err.pos[0]);
  const known = YAML_ERROR_TEXT[err.code];
  const firstLine = err.message.split('\n')[0] ?? err.message;
  return {
    severity,
    code: `yaml/${err.code.toLowerCase()}`,
    file,
    line: pos.line,
    column: pos.col,
    path: [],
    message: known?.message ?? bi(`YAML ไม่ถูกต้อง: ${firstLine}`, `invalid YAML: ${firstLine}`),
    hint: known?.hint ?? GENERIC_YAML_ERROR.hint,
  };
}

function childOf(node: unknown, part: string | number): { node: YamlNode | null; key?: YamlNode } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = pair.key;
      const keyValue = isScalar(k) ? k.value : k;
      // A year key typed in Thai digits (๒๕๖๖:) is read as 2566 (src/validate/normalize.ts).
      if (String(keyValue) === String(part) || toArabicDigits(String(keyValue)) === String(part)) return { node: (pair.value as YamlNode | null) ?? null, key: k as YamlNode };
    }
    return undefined;
  }
  if (isSeq(node) && typeof part === 'number') {
    const item = node.items[part];
    return item === undefined ? undefined : { node: item as YamlNode };
  }
  return undefined;
}

export function parseYaml(file: string, text: string): { loaded?: LoadedYaml; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  const doc: Document.Parsed = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const diagnostics = [
    ...doc.errors.map((e) => yamlErrorToDiagnostic(file, e, lines, 'error')),
    ...doc.warnings.map((e) => yamlErrorToDiagnostic(file, e, lines, 'warning')),
  ];
  if (doc.errors.length > 0) return { diagnostics };

  const positionOf = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const walk = (path: YamlPath) => {
    let node: unknown = doc.contents;
    let key: YamlNode | undefined;
    let last: YamlNode | undefined = (doc.contents as YamlNode | null) ?? undefined;
    let complete = true;
    for (const part of path) {
      const next = childOf(node, part);
      if (!next) {
        complete = false;
        break;
      }
      key = next.key;
      node = next.node;
      // A key with an empty value (`name:`) has no value node: the key is the place to point at.
      last = next.node ?? next.key ?? last;
    }
    return { node: complete ? (node as YamlNode | null) : null, key: complete ? key : undefined, last };
  };

  const loaded: LoadedYaml = {
    file,
    text,
    dependencies: [],
    data: doc.toJS({ maxAliasCount: 100 }),
    positionOf,
    locate(path, opts) {
      const found = walk(path);
      const target = (opts?.key ? found.key : undefined) ?? found.last;
      const offset = target?.range?.[0] ?? 0;
      return positionOf(offset);
    },
    locateText(path, needle) {
      const r = loaded.range(path);
      const at = r ? text.slice(r[0], r[1]).indexOf(needle) : -1;
      return r && at >= 0 ? positionOf(r[0] + at) : loaded.locate(path);
    },
    range(path) {
      const found = walk(path);
      const r = found.node?.range;
      return r ? [r[0], r[1]] : undefined;
    },
  };
  return { loaded, diagnostics };
}
