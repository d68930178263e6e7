/**
 * Where the tool writes, and its promise never to lose a file there:
 * - two inputs that would write the same PDF (`plan.yaml` and `plan.yml`, two trees built into
 *   one `-o`) and an `-o` that names a file are refused before anything is printed;
 * - a file is replaced only when it is the tool's own (a PDF it printed, a schema or a field page it wrote)
 *   and writable: a read-only PDF, or a PDF from elsewhere that happens to have the name
 *   (the scanned original of a plan), is kept unless `--force`;
 * - everything is written to a uniquely named temporary file next to the target and renamed
 *   over it, so an interrupted run never leaves half a file; the temporaries a killed run
 *   left behind are removed by the next run that writes to the same folder.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { bi, type Bilingual, type Diagnostic } from '../diagnostics.js';
import { readEnds } from '../load/files.js';
import { processAlive } from '../process-alive.js';

/** `.plan.pdf.1234-9f3a0c1e.ita-report.tmp`: the writer's process id, then randomness. */
const TEMPORARY = /^\..+\.(\d+)-[0-9a-f]{8}\.ita-report\.tmp$/;
/** What earlier versions named their temporaries: `.plan.pdf.1234.tmp`. */
const OLD_TEMPORARY = /^\..+\.pdf\.(\d+)\.tmp$/;

function temporaryName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.ita-report.tmp`);
}

/** Writes next to the target then renames, so a failed or interrupted build never leaves a truncated file. */
export async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = temporaryName(target);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Removes the temporaries that runs no longer alive left in `dir`; returns how many. */
export async function removeStaleTemporaries(dir: string): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = TEMPORARY.exec(name) ?? OLD_TEMPORARY.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    const path = join(dir, name);
    if ((await lstat(path).catch(() => null))?.isFile()) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}

/** "ita-report" as pdf-lib writes the producer of the PDFs printed here: UTF-16BE in hex. */
const PRODUCER_HEX = `FEFF${[...'ita-report'].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('')}`;

/** The HTML kept with ITA_REPORT_KEEP_HTML (templates/layout.hbs names its generator). */
const HTML_GENERATOR = '<meta name="generator" content="ita-report">';

/** The field reference pages of `ita-report fields -o` say how they were made. */
const FIELDS_PAGE = /`ita-report fields \w+ --markdown`/;

/** Whether an existing file is one this tool wrote: its PDFs name it as their producer, its schemas in their $comment, its field pages in their first lines, its kept HTML in a meta tag. */
export async function writtenByUs(path: string): Promise<boolean> {
  const bytes = await readEnds(path, 64 * 1024, 64 * 1024);
  const text = bytes.toString('latin1');
  return text.includes(PRODUCER_HEX) || text.includes('(ita-report ') || text.includes(HTML_GENERATOR) || text.includes('"$comment": "ita-report ') || FIELDS_PAGE.test(bytes.toString('utf8'));
}

export interface Refusal {
  code: string;
  message: Bilingual;
  hint: Bilingual;
}

/**
 * Why `target` must not be replaced, if it must not: not a regular file, read-only, or (unless
 * `force`) not written by this tool. A missing target is always fine.
 */
export async function replaceRefusal(target: string, force = false): Promise<Refusal | undefined> {
  const info = await lstat(target).catch(() => null);
  if (!info) return undefined;
  if (!info.isFile()) {
    return {
      code: 'output/not-a-file',
      message: bi(`${target} มีอยู่แล้วและไม่ใช่ไฟล์ธรรมดา (เช่น เป็นโฟลเดอร์หรือลิงก์) จึงไม่เขียนทับ`, `${target} exists and is not a regular file (a folder or a link, say): not replaced`),
      hint: bi('ย้ายหรือเปลี่ยนชื่อสิ่งนั้น หรือเลือกโฟลเดอร์ผลลัพธ์อื่นด้วย -o', 'move or rename it, or choose another output folder with -o'),
    };
  }
  // Write bits, not access(): root may write anything, yet a read-only file says "keep me".
  const writable = (info.mode & 0o222) !== 0 && (await access(target, constants.W_OK).then(() => true, () => false));
  if (!writable) {
    return {
      code: 'output/read-only',
      message: bi(`${target} เป็นไฟล์อ่านอย่างเดียว จึงไม่เขียนทับ`, `${target} is read-only: not replaced`),
      hint: bi('ถ้าต้องการสร้างใหม่ ให้ยกเลิกการตั้งค่าอ่านอย่างเดียวของไฟล์นั้น หรือเลือกโฟลเดอร์ผลลัพธ์อื่นด้วย -o', 'to rebuild it, make the file writable first, or choose another output folder with -o'),
    };
  }
  if (!force && !(await writtenByUs(target))) {
    return {
      code: 'output/not-ours',
      message: bi(`${target} มีอยู่แล้วและไม่ได้สร้างโดย ita-report จึงไม่เขียนทับ`, `${target} exists and was not made by ita-report: not replaced`),
      hint: bi('ย้ายหรือเปลี่ยนชื่อไฟล์นั้น หรือสั่งด้วย --force ถ้าต้องการเขียนทับจริง', 'move or rename that file, or add --force to replace it'),
    };
  }
  return undefined;
}

/** Case-insensitive file systems (Windows, macOS) see `Plan.pdf` and `plan.pdf` as one file. */
function sameFileKey(path: string): string {
  const full = resolve(path);
  return process.platform === 'win32' || process.platform === 'darwin' ? full.toLowerCase() : full;
}

const error = (code: string, file: string, message: Bilingual, hint: Bilingual): Diagnostic => ({ severity: 'error', code, file, line: 0, column: 0, path: [], message, hint });

/**
 * Before anything is printed: `-o` must not be a file, and no two inputs may write the same
 * output. Then the temporaries of killed runs are removed from the output folders.
 */
export async function prepareOutputs(targets: { file: string; output: string }[], outDir: string | undefined): Promise<Diagnostic[]> {
  if (outDir !== undefined) {
    const info = await stat(outDir).catch(() => null);
    if (info && !info.isDirectory()) {
      return [error('output/not-a-folder', outDir, bi('-o ต้องเป็นโฟลเดอร์ แต่ระบุไฟล์ที่มีอยู่แล้ว', '-o must name a folder, but it names an existing file'), bi('ระบุโฟลเดอร์ (ถ้ายังไม่มี เครื่องมือสร้างให้) ไฟล์นั้นไม่ถูกแตะต้อง', 'name a folder (it is created when missing); that file is left untouched'))];
    }
  }
  const diagnostics: Diagnostic[] = [];
  const writers = new Map<string, string>();
  for (const t of targets) {
    const key = sameFileKey(t.output);
    const first = writers.get(key);
    if (first === undefined) writers.set(key, t.file);
    else {
      diagnostics.push(error('output/collision', t.file,
        bi(`${first} และ ${t.file} จะเขียน PDF ไฟล์เดียวกัน (${t.output})`, `${first} and ${t.file} would both write ${t.output}`),
        bi('เปลี่ยนชื่อไฟล์ใดไฟล์หนึ่ง หรือสร้างแยกกันโดยให้ -o เป็นคนละโฟลเดอร์', 'rename one of them, or build them separately into different -o folders')));
    }
  }
  if (diagnostics.length > 0) return diagnostics;
  for (const dir of new Set(targets.map((t) => dirname(resolve(t.output))))) await removeStaleTemporaries(dir);
  return [];
}
