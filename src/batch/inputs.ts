/**
 * What `ita-report build` and `validate` were given — files, folders, glob patterns,
 * `!pattern` exclusions — turned into the list of documents, each with the output path
 * that mirrors the input tree, and the YAML files passed over (with why).
 * Globs are expanded here (tinyglobby, picomatch), not by the shell, so they work the
 * same in Windows' cmd, PowerShell and bash.
 */
import { stat } from 'node:fs/promises';
import nodePath from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { bi, type Diagnostic } from '../diagnostics.js';
import { readEnds } from '../load/files.js';

export interface Input {
  /** The YAML file. */
  file: string;
  /** Path of the PDF relative to the output root, e.g. `lampang/plan-2566-2570.pdf`. */
  relativeOutput: string;
}

/** A YAML file found in a folder or by a pattern that is not a document of its own. */
export interface Skipped {
  file: string;
  /** `not-a-document`: no `kind:` line (CI files, notes); `authority`: read by the documents that refer to it. */
  reason: 'not-a-document' | 'authority';
}

export interface Expanded {
  inputs: Input[];
  skipped: Skipped[];
  diagnostics: Diagnostic[];
}

export interface ExpandOptions {
  /** `validate authority.yaml` checks an authority file named on its own; `build` has no PDF to make of it. */
  explicitAuthority?: boolean;
}

const YAML_GLOB = '**/*.{yaml,yml}';
const YAML_EXT = /\.ya?ml$/i;
/** Not documents, and possibly huge: never searched. Dot folders (.git, .vscode) are skipped by the glob. */
const NEVER = ['**/node_modules/**'];

const KIND_LINE = /^kind:\s*\S/m;
const AUTHORITY_KIND_LINE = /^kind:\s*["']?authority["']?\s*(#.*)?$/m;

/** What the first lines of a YAML file say it is. */
async function classify(file: string): Promise<'document' | Skipped['reason']> {
  // The first bytes only, never waiting on a named pipe nor reading a huge file whole (load/files.ts).
  const head = (await readEnds(file, 16 * 1024)).toString('utf8').slice(0, 4096);
  if (AUTHORITY_KIND_LINE.test(head)) return 'authority';
  return KIND_LINE.test(head) ? 'document' : 'not-a-document';
}

function pdfName(file: string, path: nodePath.PlatformPath = nodePath): string {
  return `${path.basename(file, path.extname(file))}.pdf`;
}

/** Where the PDF of `file`, found below `base`, goes under the output folder: the same subfolders. */
export function mirroredOutput(base: string, file: string, path: nodePath.PlatformPath = nodePath): string {
  return path.join(path.dirname(path.relative(base, file)), pdfName(file, path));
}

/**
 * A command-line pattern in glob syntax: on Windows `\` separates folders (it cannot be an
 * escape there), so `C:\รายงาน\**\*.yaml` becomes `C:/รายงาน/**\/*.yaml`.
 */
export function toGlobPattern(arg: string, path: nodePath.PlatformPath = nodePath): string {
  return path.sep === '\\' ? arg.replace(/\\/g, '/') : arg;
}

/** The folder a pattern starts from (everything before its first wildcard) and the rest. */
export function splitPattern(pattern: string): { base: string; glob: string } {
  const scan = picomatch.scan(pattern);
  return { base: scan.base === '' ? '.' : scan.base, glob: scan.glob };
}

/** A path the way patterns are written: forward slashes. */
function slashed(p: string, path: nodePath.PlatformPath = nodePath): string {
  return p.split(path.sep).join('/');
}

export async function expandInputs(args: string[], opts: ExpandOptions = {}): Promise<Expanded> {
  const diagnostics: Diagnostic[] = [];
  const found: Input[] = [];
  const skipped: Skipped[] = [];
  const authorityArgs: string[] = [];
  const notFound = (arg: string, message = bi('ไม่พบไฟล์หรือโฟลเดอร์', 'no such file or folder')) =>
    diagnostics.push({ severity: 'error', code: 'input/not-found', file: arg, line: 0, column: 0, path: [], message, hint: bi('ตรวจชื่อและตำแหน่ง', 'check the name and location') });

  // `!drafts/**` leaves out what it matches, from every other input (paths as seen from here).
  const exclusions = args.filter((a) => a.startsWith('!')).map((a) => toGlobPattern(a.slice(1)));
  const excluded = exclusions.length === 0 ? () => false : (() => {
    const isMatch = picomatch(exclusions, { dot: true });
    return (file: string) => isMatch(slashed(nodePath.relative(process.cwd(), file))) || isMatch(slashed(nodePath.resolve(file)));
  })();

  /** The YAML files below `base` matching `pattern`, each a document, an authority file or passed over. */
  const search = async (base: string, pattern: string): Promise<number> => {
    const files = (await glob(pattern, { cwd: base, ignore: NEVER, caseSensitiveMatch: pattern !== YAML_GLOB, followSymbolicLinks: false }))
      .filter((f) => YAML_EXT.test(f))
      .map((f) => nodePath.join(base, f))
      .filter((f) => !excluded(f));
    for (const f of files) {
      const what = await classify(f);
      if (what === 'document') found.push({ file: f, relativeOutput: mirroredOutput(base, f) });
      else skipped.push({ file: f, reason: what });
    }
    return files.length;
  };

  for (const arg of args) {
    if (arg.startsWith('!')) continue;
    // A real file or folder is taken as it is, even when its name has brackets or braces.
    const info = await stat(arg).catch(() => null);
    if (info?.isDirectory()) {
      const before = found.length;
      await search(arg, YAML_GLOB);
      if (found.length === before) notFound(arg, bi('โฟลเดอร์นี้ไม่มีไฟล์เอกสาร YAML (ที่มี kind:)', 'this folder has no YAML document (with kind:)'));
    } else if (info) {
      if (excluded(arg)) continue;
      if ((await classify(arg)) !== 'authority') found.push({ file: arg, relativeOutput: pdfName(arg) });
      else if (opts.explicitAuthority) found.push({ file: arg, relativeOutput: pdfName(arg) });
      // `build *.yaml` in an authority's folder names its authority.yaml too: it has no PDF of its own.
      else {
        authorityArgs.push(arg);
        skipped.push({ file: arg, reason: 'authority' });
      }
    } else if (picomatch.scan(toGlobPattern(arg)).isGlob) {
      const { base, glob: rest } = splitPattern(toGlobPattern(arg));
      const matched = (await stat(base).catch(() => null))?.isDirectory() ? await search(base, rest) : 0;
      if (matched === 0) notFound(arg, bi('ไม่มีไฟล์ที่ตรงกับรูปแบบนี้', 'no file matches this pattern'));
    } else notFound(arg);
  }
  if (found.length === 0 && diagnostics.length === 0) {
    for (const arg of authorityArgs) {
      diagnostics.push({ severity: 'error', code: 'input/authority-file', file: arg, line: 0, column: 0, path: [], message: bi('ไฟล์นี้เป็นข้อมูลหน่วยงาน (kind: authority) ไม่มี PDF ของตัวเอง', 'this is an authority file (kind: authority); it has no PDF of its own'), hint: bi('ระบุไฟล์เอกสารที่อ้างถึงไฟล์นี้ (authority: ...) ส่วนไฟล์นี้ตรวจได้ด้วย ita-report validate', 'name the documents that refer to it (authority: ...); check this file with ita-report validate') });
    }
  }
  // One document listed twice (a folder and a file in it) is taken once.
  const seen = new Set<string>();
  const unique = found.filter((i) => {
    const key = nodePath.resolve(i.file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => a.file.localeCompare(b.file));
  const passedOver = new Map<string, Skipped>();
  for (const s of skipped) if (!seen.has(nodePath.resolve(s.file))) passedOver.set(nodePath.resolve(s.file), s);
  return { inputs: unique, skipped: [...passedOver.values()].sort((a, b) => a.file.localeCompare(b.file)), diagnostics };
}
