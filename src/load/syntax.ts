/**
 * A YAML syntax error, explained the way officers make it. Only the first error of a file
 * is explained: the parser's later errors are nearly always echoes of it (one line indented
 * wrongly gives eight). Three mistakes get their own message, found from the line's text:
 * no space after a colon (`responsible:สำนักปลัด`), a ": " inside an unquoted text, and a line
 * indented to the wrong level, found by trying to re-indent the lines around the error like
 * their neighbours until one re-indented line makes the whole file read cleanly.
 */
import { parseDocument, visit, type YAMLError } from 'yaml';
import { bi, type Bilingual } from '../diagnostics.js';

export interface Explained {
  code: string;
  line: number;
  column: number;
  message: Bilingual;
  hint: Bilingual;
}

const BY_CODE: Partial<Record<YAMLError['code'], { message: Bilingual; hint: Bilingual }>> = {
  TAB_AS_INDENT: {
    message: bi('มีอักขระแท็บ (Tab) ใช้เป็นการย่อหน้า YAML ย่อหน้าได้ด้วยเว้นวรรคเท่านั้น', 'a tab character is used for indentation; YAML indents with spaces only'),
    hint: bi('ลบแท็บแล้วเว้นวรรค 2 ช่องต่อระดับ (ใน VS Code: Convert Indentation to Spaces)', 'replace the tab with spaces, 2 per level (VS Code: "Convert Indentation to Spaces")'),
  },
  BAD_INDENT: {
    message: bi('การย่อหน้าไม่ตรงกับระดับของข้อมูล', 'the indentation does not match the nesting'),
    hint: bi('จัดให้ฟิลด์ในระดับเดียวกันเริ่มที่คอลัมน์เดียวกัน (เว้นวรรค 2 ช่องต่อระดับ) ตรวจบรรทัดนี้และบรรทัดก่อนหน้า', 'align keys of the same level at the same column (2 spaces per level); check this line and the one before'),
  },
  MISSING_CHAR: {
    message: bi('ขาดเครื่องหมาย เช่น : หรือ " หรือ ] หรือ }', 'a character is missing, such as : " ] or }'),
    hint: bi('ทุกบรรทัดของฟิลด์ต้องเป็น ชื่อ: ค่า และเครื่องหมายคำพูดและวงเล็บต้องเปิด-ปิดครบคู่', 'each field line must be "key: value", and quotes and brackets must be closed'),
  },
  BLOCK_AS_IMPLICIT_KEY: {
    message: bi('โครงสร้างไม่ถูกต้อง อาจลืมเครื่องหมาย : หรือย่อหน้าผิด', 'bad structure: a ":" may be missing or the indentation is wrong'),
    hint: bi('ทุกบรรทัดของฟิลด์ต้องเป็น ชื่อ: ค่า', 'each field line must be "key: value"'),
  },
  MULTILINE_IMPLICIT_KEY: {
    message: bi('ข้อความหลายบรรทัดถูกอ่านเป็นชื่อฟิลด์ อาจลืม : หรือต้องใช้ |', 'a multi-line text was read as a key: a ":" may be missing, or the text needs "|"'),
    hint: bi('ข้อความหลายบรรทัดให้เขียน ฟิลด์: | แล้วขึ้นบรรทัดใหม่ย่อหน้าเข้าไป', 'write multi-line text as "key: |" followed by indented lines'),
  },
  MULTIPLE_DOCS: {
    message: bi('ไฟล์มีเอกสารมากกว่าหนึ่งฉบับ (มีบรรทัด --- คั่น)', 'the file holds more than one document (a line --- separates them)'),
    hint: bi('หนึ่งไฟล์เขียนเอกสารได้ฉบับเดียว ย้ายส่วนหลังบรรทัด --- ไปไว้อีกไฟล์', 'one file holds one document: move what follows the --- line to a file of its own'),
  },
  RESOURCE_EXHAUSTION: {
    message: bi('ข้อมูลซ้อนกันลึกเกินกว่าจะอ่านได้', 'the data is nested too deeply to be read'),
    hint: bi('ตรวจการย่อหน้า และวงเล็บ [ ] { } ที่เปิดแล้วไม่ได้ปิด', 'check the indentation, and brackets [ ] { } opened but not closed'),
  },
};

const GENERIC_HINT = bi(
  'ตรวจการย่อหน้า เครื่องหมาย : และเครื่องหมายคำพูดในบรรทัดนี้และบรรทัดก่อนหน้า ข้อความที่มี ": " ให้ใส่ในเครื่องหมายคำพูด',
  'check indentation, ":" and quotes on this line and the one before; quote text that contains ": "',
);

/** `- ` items and the key before a colon: `  - responsible:สำนักปลัด` → prefix, key, rest. */
const NO_SPACE_AFTER_COLON = /^(\s*(?:-\s+)*)([^\s#'"[\]{},&*!|>%@`-][^\s:#]*):(\S.*)$/;
const KEY_AND_VALUE = /^(\s*(?:-\s+)*)([^\s#'"[\]{}][^:#]*?):\s+(.*)$/;
/** A line that starts a key or a list entry: the lines whose indentation the search may change. */
const STRUCTURAL = /^\s*(?:-(?:\s|$)|[^\s#][^#]*?:(?:\s|$))/;

const indentOf = (line: string): number => line.length - line.trimStart().length;
const isContent = (line: string): boolean => line.trim() !== '' && !line.trimStart().startsWith('#');

/** A text quoted so that YAML reads it as it is. */
function quoted(text: string): string {
  if (!/["\\]/.test(text)) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return JSON.stringify(text);
}

/** Texts as long as a line would make the message unreadable. */
function shorten(text: string): string {
  return text.length > 70 ? `${text.slice(0, 70)}…` : text;
}

/** Whether `text` reads without error, and a key or list entry starts on line `index` (0-based). */
function readsCleanly(text: string, index: number): boolean {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return false;
  let lineStart = 0;
  for (let i = 0; i < index; i++) lineStart = text.indexOf('\n', lineStart) + 1;
  const lineEnd = text.indexOf('\n', lineStart) === -1 ? text.length : text.indexOf('\n', lineStart);
  let starts = false;
  const on = (offset: number | undefined) => {
    if (offset !== undefined && offset >= lineStart && offset <= lineEnd) starts = true;
  };
  visit(doc, {
    Pair: (_, pair) => on((pair.key as { range?: [number, number] } | null)?.range?.[0]),
    Seq: (_, seq) => {
      for (const item of seq.items) on((item as { range?: [number, number] } | null)?.range?.[0]);
    },
  });
  return starts;
}

/** Files larger than real documents are not searched: each try parses the whole file again. */
const SEARCH_MAX_CHARS = 300_000;
const SEARCH_MAX_TRIES = 24;

/** Whether no other content line near line `c` has its indentation: the likely odd one out. */
function lonely(lines: string[], c: number): boolean {
  const indent = indentOf(lines[c]!);
  for (let i = Math.max(0, c - 40); i < Math.min(lines.length, c + 40); i++) if (i !== c && isContent(lines[i]!) && indentOf(lines[i]!) === indent) return false;
  return true;
}

/** Whether line `c` is not 2 spaces deeper than the key above it that opens its block, as editors indent. */
function offStep(lines: string[], c: number): boolean {
  const indent = indentOf(lines[c]!);
  for (let i = c - 1; i >= 0; i--) {
    if (!isContent(lines[i]!) || indentOf(lines[i]!) >= indent) continue;
    const opens = /^(\s*(?:-\s+)*)[^#]*:\s*(?:#.*)?$/.exec(lines[i]!);
    return opens !== null && opens[1]!.length + 2 !== indent;
  }
  return false;
}

/** The one line near `errorLine` (0-based) whose re-indentation makes the file read cleanly, if any. */
function indentationFix(lines: string[], errorLine: number): { line: number; indent: number; like: number; child: boolean } | undefined {
  const candidates = [errorLine, errorLine - 1, errorLine + 1, errorLine - 2].filter((c) => lines[c] !== undefined && isContent(lines[c]!) && STRUCTURAL.test(lines[c]!));
  // The first suspects: a line off the usual 2-space step, then one indented like no line around it.
  const suspicion = (c: number) => (offStep(lines, c) ? 2 : 0) + (lonely(lines, c) ? 1 : 0);
  candidates.sort((a, b) => suspicion(b) - suspicion(a));
  let tries = 0;
  for (const c of candidates) {
    const line = lines[c]!;
    // The indentations of the content lines just above (and the one below), nearest first.
    const like = new Map<number, number>();
    for (let i = c - 1; i >= 0 && i >= c - 40; i--) if (isContent(lines[i]!) && !like.has(indentOf(lines[i]!))) like.set(indentOf(lines[i]!), i);
    const below = lines.findIndex((l, i) => i > c && isContent(l));
    if (below >= 0 && !like.has(indentOf(lines[below]!))) like.set(indentOf(lines[below]!), below);
    // The first entry of a block (`sub_missions:` then its only item) has no sibling to be like.
    let parent = c - 1;
    while (parent >= 0 && !isContent(lines[parent]!)) parent--;
    const opens = parent >= 0 ? /^(\s*(?:-\s+)*)[^#]*:\s*(?:#.*)?$/.exec(lines[parent]!) : null;
    const childIndent = opens ? opens[1]!.length + 2 : -1;
    if (opens && !like.has(childIndent)) like.set(childIndent, parent);
    like.delete(indentOf(line));
    const order = [...like.keys()].sort((a, b) => Math.abs(a - indentOf(line)) - Math.abs(b - indentOf(line)));
    for (const indent of order) {
      if (++tries > SEARCH_MAX_TRIES) return undefined;
      const fixed = [...lines];
      fixed[c] = ' '.repeat(indent) + line.trimStart();
      if (readsCleanly(fixed.join('\n'), c)) return { line: c, indent, like: like.get(indent)!, child: indent === childIndent && like.get(indent) === parent };
    }
  }
  return undefined;
}

/** The first syntax error of `text`, at `line`:`column` (1-based), explained. */
export function explainSyntaxError(text: string, err: YAMLError, line: number, column: number): Explained {
  const lines = text.split(/\r?\n/);
  const here = lines[line - 1] ?? '';

  const noSpace = NO_SPACE_AFTER_COLON.exec(here);
  if (noSpace && err.code !== 'TAB_AS_INDENT') {
    const [, prefix, key, value] = noSpace as unknown as [string, string, string, string];
    const written = `${key}:${value}`.trim();
    return {
      code: 'yaml/no-space-after-colon', line, column: prefix.length + 1,
      message: bi(`ไม่มีเว้นวรรคหลังเครื่องหมาย : ใน "${shorten(written)}" จึงไม่ถูกอ่านเป็นชื่อฟิลด์กับค่า`, `no space after the colon in "${shorten(written)}", so it is not read as a key and its value`),
      hint: bi(`เว้นวรรค 1 ช่องหลังเครื่องหมาย : เป็น ${key}: ${shorten(value)}`, `put a space after the colon: ${key}: ${shorten(value)}`),
    };
  }

  const pair = KEY_AND_VALUE.exec(here);
  const value = pair?.[3]?.replace(/\s+#.*$/, '').trim();
  if (pair && value && err.code === 'BLOCK_AS_IMPLICIT_KEY' && /:(\s|$)/.test(value) && !/^["'[{|>]/.test(value)) {
    const key = pair[2]!;
    return {
      code: 'yaml/colon-in-text', line, column: pair[1]!.length + key.length + 3,
      message: bi(`ข้อความ "${shorten(value)}" มีเครื่องหมาย ": " อยู่ข้างใน ซึ่ง YAML อ่านเป็นชื่อฟิลด์ซ้อน`, `the text "${shorten(value)}" contains ": ", which YAML reads as another key`),
      hint: bi(`ใส่ข้อความในเครื่องหมายคำพูด: ${key}: ${shorten(quoted(value))}`, `put the text in quotes: ${key}: ${shorten(quoted(value))}`),
    };
  }

  if (err.code !== 'TAB_AS_INDENT' && err.code !== 'MULTIPLE_DOCS' && text.length <= SEARCH_MAX_CHARS) {
    const fix = indentationFix(lines, line - 1);
    if (fix) {
      const current = indentOf(lines[fix.line]!);
      const like = lines[fix.like]!.trim();
      return {
        code: 'yaml/bad_indent', line: fix.line + 1, column: current + 1,
        message: bi(`บรรทัดนี้ย่อหน้า ${current} ช่อง ไม่ตรงกับระดับของข้อมูล`, `this line is indented ${current} space(s), which does not match the nesting`),
        hint: fix.child
          ? bi(`ย่อหน้า ${fix.indent} ช่อง ให้ลึกกว่าบรรทัด ${fix.like + 1} (${shorten(like)}) ที่บรรทัดนี้อยู่ภายใต้ 2 ช่อง`, `indent it ${fix.indent} space(s), 2 more than line ${fix.like + 1} (${shorten(like)}), which it belongs to`)
          : bi(`ย่อหน้า ${fix.indent} ช่อง ให้ตรงกับบรรทัด ${fix.like + 1} (${shorten(like)})`, `indent it ${fix.indent} space(s), like line ${fix.like + 1} (${shorten(like)})`),
      };
    }
  }

  const known = BY_CODE[err.code];
  const first = err.message.split('\n')[0] ?? err.message;
  return {
    code: `yaml/${err.code.toLowerCase()}`, line, column,
    message: known?.message ?? bi(`YAML ไม่ถูกต้อง: ${first}`, `invalid YAML: ${first}`),
    hint: known?.hint ?? GENERIC_HINT,
  };
}
