/**
 * YAML text → plain data, keeping a map back to the source so every later stage
 * (schema, rules, placeholders) can point at a line and column.
 *
 * The `yaml` package's default core schema keeps `2024-10-01` as a string, which
 * is what we want: a Date would be shifted by the local timezone (domain.md §3).
 * Sizes are bounded (tree.ts, LIMITS) and syntax errors explained (syntax.ts).
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { bi, type Bilingual, type Diagnostic, type YamlPath } from '../diagnostics.js';
import { toArabicDigits } from '../thai/digits.js';
import { explainSyntaxError } from './syntax.js';
import { prescan, toData } from './tree.js';

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

function diagnostic(file: string, severity: 'error' | 'warning', at: Position, code: string, message: Bilingual, hint: Bilingual): Diagnostic {
  return { severity, code, file, line: at.line, column: at.column, path: [], message, hint };
}

/** Line and column of an offset, for problems found before the parser has counted the lines. */
function positionIn(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
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
  const tooBig = prescan(text);
  if (tooBig) return { diagnostics: [diagnostic(file, 'error', positionIn(text, tooBig.offset), tooBig.code, tooBig.message, tooBig.hint)] };
  const lines = new LineCounter();
  // Keys written twice are found by toData, in linear time (the parser's own check is quadratic).
  const doc: Document.Parsed = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const positionOf = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const diagnostics = doc.warnings.map((w) => {
    const first = w.message.split('\n')[0] ?? w.message;
    return diagnostic(file, 'warning', positionOf(w.pos[0]), `yaml/${w.code.toLowerCase()}`, bi(`คำเตือนจาก YAML: ${first}`, `YAML: ${first}`), bi('ตรวจบรรทัดนี้', 'check this line'));
  });
  const firstError = doc.errors[0];
  if (firstError) {
    const at = positionOf(firstError.pos[0]);
    const e = explainSyntaxError(text, firstError, at.line, at.column);
    return { diagnostics: [diagnostic(file, 'error', e, e.code, e.message, e.hint), ...diagnostics] };
  }
  const tree = toData(doc);
  if (tree.problems.length > 0) {
    return { diagnostics: [...tree.problems.map((p) => diagnostic(file, 'error', positionOf(p.offset), p.code, p.message, p.hint)), ...diagnostics] };
  }

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
    data: tree.data,
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
