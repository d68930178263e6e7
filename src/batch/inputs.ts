/**
 * What `ita-report build` was given — files, folders, glob patterns — turned into
 * the list of documents, each with the output path that mirrors the input tree.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { bi, type Diagnostic } from '../diagnostics.js';
import { readEnds } from '../load/files.js';

export interface Input {
  /** The YAML file. */
  file: string;
  /** Path of the PDF relative to the output root, e.g. `lampang/plan-2566-2570.pdf`. */
  relativeOutput: string;
}

const YAML_EXT = /\.ya?ml$/i;
const GLOB_CHARS = /[*?[]/;

/**
 * A YAML file is a document when it says which kind it is (other YAML, e.g. CI files, is left alone).
 * An authority file (kind: authority) is read by the documents that refer to it and has no PDF.
 */
async function isDocument(file: string): Promise<boolean> {
  const head = await headOf(file);
  return /^kind:\s*\S/m.test(head) && !isAuthorityText(head);
}

const AUTHORITY_KIND_LINE = /^kind:\s*["']?authority["']?\s*(#.*)?$/m;
function isAuthorityText(head: string): boolean {
  return AUTHORITY_KIND_LINE.test(head);
}
async function isAuthorityFile(file: string): Promise<boolean> {
  return isAuthorityText(await headOf(file));
}

/** The first 4,096 characters, read without waiting on a pipe or reading a huge file whole (load/files.ts). */
async function headOf(file: string): Promise<string> {
  return (await readEnds(file, 16 * 1024)).toString('utf8').slice(0, 4096);
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile() && YAML_EXT.test(entry.name)) out.push(path);
  }
  return out;
}

/** `reports/**\/*.yaml` → a regular expression over paths relative to `reports`. */
function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      re += '(?:.*/)?';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function pdfName(file: string): string {
  return `${basename(file, extname(file))}.pdf`;
}

export async function expandInputs(args: string[]): Promise<{ inputs: Input[]; diagnostics: Diagnostic[] }> {
  const inputs: Input[] = [];
  const diagnostics: Diagnostic[] = [];
  const authorityFiles: string[] = [];
  const notFound = (arg: string, message = bi('ไม่พบไฟล์หรือโฟลเดอร์', 'no such file or folder')) =>
    diagnostics.push({ severity: 'error', code: 'input/not-found', file: arg, line: 0, column: 0, path: [], message, hint: bi('ตรวจชื่อและตำแหน่ง', 'check the name and location') });

  for (const arg of args) {
    if (GLOB_CHARS.test(arg)) {
      // Shells on Windows do not expand globs: do it here, from the folder before the first wildcard.
      const parts = arg.split(/[\\/]/);
      const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
      const base = parts.slice(0, firstGlob).join('/') || '.';
      const matcher = globToRegExp(parts.slice(firstGlob).join('/'));
      const files = (await stat(base).catch(() => null))?.isDirectory() ? await walk(base) : [];
      const matched = files.filter((f) => matcher.test(relative(base, f).split(sep).join('/')));
      if (matched.length === 0) notFound(arg, bi('ไม่มีไฟล์ที่ตรงกับรูปแบบนี้', 'no file matches this pattern'));
      for (const f of matched) inputs.push({ file: f, relativeOutput: join(dirname(relative(base, f)), pdfName(f)) });
      continue;
    }
    const info = await stat(arg).catch(() => null);
    if (!info) notFound(arg);
    else if (info.isDirectory()) {
      const docs: string[] = [];
      for (const f of await walk(arg)) if (await isDocument(f)) docs.push(f);
      if (docs.length === 0) notFound(arg, bi('โฟลเดอร์นี้ไม่มีไฟล์เอกสาร YAML (ที่มี kind:)', 'this folder has no YAML document (with kind:)'));
      for (const f of docs) inputs.push({ file: f, relativeOutput: join(dirname(relative(arg, f)), pdfName(f)) });
    } else if (await isAuthorityFile(arg)) {
      // `build *.yaml` in an authority's folder names its authority.yaml too: it has no PDF of its own.
      authorityFiles.push(arg);
    } else inputs.push({ file: arg, relativeOutput: pdfName(arg) });
  }
  if (inputs.length === 0 && diagnostics.length === 0) {
    for (const arg of authorityFiles) {
      diagnostics.push({ severity: 'error', code: 'input/authority-file', file: arg, line: 0, column: 0, path: [], message: bi('ไฟล์นี้เป็นข้อมูลหน่วยงาน (kind: authority) ไม่มี PDF ของตัวเอง', 'this is an authority file (kind: authority); it has no PDF of its own'), hint: bi('ระบุไฟล์เอกสารที่อ้างถึงไฟล์นี้ (authority: ...) ส่วนไฟล์นี้ตรวจได้ด้วย ita-report validate', 'name the documents that refer to it (authority: ...); check this file with ita-report validate') });
    }
  }
  // One document listed twice (a folder and a file in it) is built once.
  const seen = new Set<string>();
  const unique = inputs.filter((i) => {
    const key = resolve(i.file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => a.file.localeCompare(b.file));
  return { inputs: unique, diagnostics };
}

/** `--shard K/N`: the K-th of N deterministic, balanced slices of the sorted inputs. */
export function parseShard(value: string): { index: number; count: number } | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

export function shard<T>(items: T[], s: { index: number; count: number }): T[] {
  return items.filter((_, i) => i % s.count === s.index - 1);
}
