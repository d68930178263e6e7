/**
 * `ita-report init KIND [--authority NAME] [--year N] [DIR]`: a starter YAML an officer
 * fills in, with Thai comments on every field. The starters (starters/<kind>.yaml) are
 * real documents for fiscal year STARTER_YEAR that validate and build as they are; init
 * moves their years to the one asked for, points the editor line at the installed
 * schema and refers to the authority file, creating that file (starters/authority.yaml)
 * when the folder and its parent have none. It never overwrites a file.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { bi, type Bilingual, type Lang } from '../diagnostics.js';
import { KINDS } from '../kinds/index.js';
import { STARTER_DIR } from '../paths.js';
import { EDITOR_SCHEMA_DIR, modelineFor, setModeline, writeEditorFiles, type EditorFiles } from './editor.js';
import { fiscalYearOf, LOCAL_AUTHORITY_TYPES } from '../thai/index.js';
import { kindChoices } from '../validate/suggest.js';
import { AUTHORITY_KIND } from '../load/authority.js';
import { initProgress } from './init-progress.js';

/** The fiscal year (BE) the starter files are written for. */
export const STARTER_YEAR = 2569;
const AUTHORITY_FILE = 'authority.yaml';

export interface InitOptions {
  authority?: string;
  year?: string;
  /** init progress: the plan the report follows. */
  plan?: string;
}

export interface InitResult {
  exitCode: 0 | 1 | 2;
  /** Files written. */
  written: string[];
}

export interface AuthorityGuess {
  name: string;
  type?: string;
  shortName?: string;
  headTitle?: string;
}

/** "เทศบาลตำบลบ้านใหม่" → type เทศบาลตำบล, ทต.บ้านใหม่, นายกเทศมนตรีตำบลบ้านใหม่. */
export function guessAuthority(name: string): AuthorityGuess {
  const clean = name.replace(/\s+/g, ' ').trim();
  for (const { prefix, abbr, head } of LOCAL_AUTHORITY_TYPES) {
    if (!clean.startsWith(prefix)) continue;
    const rest = clean.slice(prefix.length).trim();
    if (rest === '') return { name: clean, type: prefix, shortName: abbr === prefix ? undefined : abbr.replace(/\.$/, ''), headTitle: head };
    return { name: clean, type: prefix, shortName: `${abbr}${rest}`, headTitle: `${head}${rest}` };
  }
  return { name: clean };
}

/** The Thai fiscal year of today (October–December count toward the next year). */
export function currentFiscalYear(today = todayIso()): number {
  return fiscalYearOf(today);
}

function todayIso(): string {
  // ITA_REPORT_TODAY=YYYY-MM-DD pins "today" (tests, and re-creating an old starter).
  const pinned = process.env.ITA_REPORT_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A YAML scalar: plain when that is safe, double-quoted otherwise. */
function scalar(text: string): string {
  return /^[^\s#&*!|>'"%@`\-?:,[\]{}]/.test(text) && !/: |\s#|:$|\s$/.test(text) ? text : JSON.stringify(text);
}

/** Moves every year of a starter by `delta`: BE years (25xx) and the years of CE dates (20xx-mm). */
export function shiftYears(text: string, delta: number): string {
  if (delta === 0) return text;
  return text
    .replace(/(?<![\d.])(25\d\d)(?![\d.])/g, (y) => String(Number(y) + delta))
    .replace(/(?<![\d.])(20\d\d)-(\d\d)/g, (_, y: string, m: string) => `${Number(y) + delta}-${m}`);
}

function say(lang: Lang, text: Bilingual, stream: 'out' | 'err' = 'out'): void {
  (stream === 'out' ? process.stdout : process.stderr).write(`${text[lang]}\n`);
}

function authorityText(starter: string, guess: AuthorityGuess): string {
  let text = starter.replace(/^name: .*$/m, `name: ${scalar(guess.name)}`);
  text = guess.shortName ? text.replace(/^short_name: .*$/m, `short_name: ${scalar(guess.shortName)}`) : text.replace(/^short_name: .*$/m, '# short_name: (ชื่อย่อ)');
  text = guess.type ? text.replace(/^type: .*$/m, `type: ${guess.type}`) : text.replace(/^type: .*$/m, '# type: (ประเภท)');
  text = text.replace(/^(\s+title:) .*$/m, `$1 ${scalar(guess.headTitle ?? '(ตำแหน่งนายก)')}`);
  return text;
}

function sayKept(lang: Lang, editor: EditorFiles, shown: (file: string) => string): void {
  for (const k of editor.kept) say(lang, bi(`คำเตือน: ${shown(k.file)} ${k.th}`, `warning: ${shown(k.file)} ${k.en}`), 'err');
}

/**
 * `ita-report init --editor DIR`: the editor files of an existing documents' folder brought
 * up to date (after an upgrade, or for a folder made before they existed), and the first
 * line of every document below it pointed at them.
 */
export async function initEditorCommand(dirArg: string, lang: Lang): Promise<InitResult> {
  const root = resolve(dirArg);
  const shown = (file: string) => relative(process.cwd(), file) || file;
  if (!(await stat(root).catch(() => null))?.isDirectory()) {
    say(lang, bi(`ita-report: ไม่พบโฟลเดอร์ ${dirArg}\n    วิธีแก้: ระบุโฟลเดอร์ที่มีไฟล์เอกสาร YAML`, `ita-report: no such folder: ${dirArg}\n    fix: name the folder that holds the YAML documents`), 'err');
    return { exitCode: 2, written: [] };
  }
  const editor = await writeEditorFiles(root, { modelines: true });
  for (const file of editor.written) say(lang, bi(`ปรับปรุง ${shown(file)} แล้ว`, `updated ${shown(file)}`));
  sayKept(lang, editor, shown);
  if (editor.written.length === 0) say(lang, bi('ไฟล์สำหรับโปรแกรมแก้ไขเป็นปัจจุบันอยู่แล้ว', 'the editor files are up to date'));
  return { exitCode: 0, written: editor.written };
}

/** Runs `init`; messages go to stdout/stderr in `lang`. */
export async function initCommand(kindArg: string, dirArg: string | undefined, opts: InitOptions, lang: Lang): Promise<InitResult> {
  const kinds = [...KINDS.keys()];
  const names = [...kinds, AUTHORITY_KIND];
  if (!names.includes(kindArg)) {
    const choices = kindChoices(kindArg, names);
    say(lang, bi(`ita-report: ไม่รู้จักชนิดเอกสาร "${kindArg}" ${choices.th}`, `ita-report: unknown document kind "${kindArg}"; ${choices.en}`), 'err');
    return { exitCode: 2, written: [] };
  }
  let year = currentFiscalYear();
  if (opts.year !== undefined) {
    year = Number(opts.year);
    if (!/^\d{4}$/.test(opts.year) || year < 2500 || year > 2700) {
      const ce = /^\d{4}$/.test(opts.year) && year > 1900 && year < 2200;
      say(lang, ce
        ? bi(`ita-report: --year ${opts.year} เป็นปี ค.ศ. ให้ใช้ปีงบประมาณ พ.ศ. เช่น --year ${year + 543}`, `ita-report: --year ${opts.year} is a Christian-era year; give the Buddhist-era fiscal year, e.g. --year ${year + 543}`)
        : bi(`ita-report: --year ต้องเป็นปีงบประมาณ พ.ศ. 4 หลัก เช่น --year ${currentFiscalYear()}`, `ita-report: --year takes a Buddhist-era fiscal year, e.g. --year ${currentFiscalYear()}`), 'err');
      return { exitCode: 2, written: [] };
    }
  }
  const name = opts.authority?.replace(/\s+/g, ' ').trim();
  if (name !== undefined && name.length < 3) {
    say(lang, bi('ita-report: --authority ต้องเป็นชื่อเต็มของหน่วยงาน เช่น --authority "เทศบาลตำบลตัวอย่าง"', 'ita-report: --authority takes the full name, e.g. --authority "เทศบาลตำบลตัวอย่าง"'), 'err');
    return { exitCode: 2, written: [] };
  }

  const dir = resolve(dirArg ?? '.');
  const shown = (file: string) => relative(process.cwd(), file) || file;
  const isAuthority = kindArg === AUTHORITY_KIND;
  const target = join(dir, isAuthority ? AUTHORITY_FILE : `${kindArg}-${year}.yaml`);
  if (existsSync(target)) {
    say(lang, bi(
      `ita-report: มีไฟล์ ${shown(target)} อยู่แล้ว จึงไม่เขียนทับ\n    วิธีแก้: ใช้ไฟล์เดิม หรือเลือกโฟลเดอร์อื่น หรือเปลี่ยนชื่อ/ลบไฟล์เดิมก่อน`,
      `ita-report: ${shown(target)} already exists and is not overwritten\n    fix: keep using it, choose another folder, or rename/delete the old file first`,
    ), 'err');
    return { exitCode: 1, written: [] };
  }

  // A progress report takes its authority and its projects from the plan it names.
  if (kindArg === 'progress') {
    // Its editor files go where the other documents' are: the folder of their authority file.
    const authorityFile = [join(dir, AUTHORITY_FILE), join(dirname(dir), AUTHORITY_FILE)].find((f) => existsSync(f));
    const root = authorityFile ? dirname(authorityFile) : dir;
    const result = await initProgress({ target, plan: opts.plan, year, modeline: modelineFor('progress', dir, root) }, lang);
    if (result.exitCode === 0) sayKept(lang, await writeEditorFiles(root), shown);
    return result;
  }

  const written: string[] = [];
  await mkdir(dir, { recursive: true });
  const guess = guessAuthority(name ?? 'เทศบาลตำบลตัวอย่าง');
  const authorityStarter = await readFile(join(STARTER_DIR, 'authority.yaml'), 'utf8');

  // The authority file: this folder's, else its parent's (one folder per document year), else a new one here.
  let authorityRef = AUTHORITY_FILE;
  let existing: string | undefined;
  if (!isAuthority) {
    const candidates = [join(dir, AUTHORITY_FILE), join(dirname(dir), AUTHORITY_FILE)];
    existing = candidates.find((f) => existsSync(f));
    if (existing) authorityRef = relative(dir, existing).split(/[\\/]/).join('/');
  }
  // The documents' folder is where their authority file is: the editor files go there, so
  // the folder (with its year subfolders) keeps its checks when moved or zipped.
  const root = existing ? dirname(existing) : dir;
  // 'wx': a file that appeared meanwhile is still never overwritten.
  const create = (file: string, text: string) => writeFile(file, text, { flag: 'wx' });
  if (!isAuthority && !existing) {
    const file = join(dir, AUTHORITY_FILE);
    await create(file, setModeline(authorityText(authorityStarter, guess), modelineFor(AUTHORITY_KIND, dir, root)));
    written.push(file);
  }

  if (isAuthority) {
    await create(target, setModeline(authorityText(authorityStarter, guess), modelineFor(AUTHORITY_KIND, dir, root)));
  } else {
    let text = await readFile(join(STARTER_DIR, `${kindArg}.yaml`), 'utf8');
    text = shiftYears(text, year - STARTER_YEAR);
    text = setModeline(text, modelineFor(kindArg, dir, root));
    text = text.replace(/^authority: authority\.yaml$/m, `authority: ${authorityRef}`);
    if (guess.headTitle && !existing) text = text.replace(/^(\s+position:) นายกเทศมนตรีตำบลตัวอย่าง$/m, `$1 ${scalar(guess.headTitle)}`);
    await create(target, text);
  }
  written.push(target);
  const editor = await writeEditorFiles(root);
  sayKept(lang, editor, shown);

  for (const file of written) say(lang, bi(`สร้างไฟล์ ${shown(file)} แล้ว`, `created ${shown(file)}`));
  if (editor.written.length > 0) say(lang, bi(`ไฟล์สำหรับโปรแกรมแก้ไข (ตรวจและเติมคำขณะพิมพ์) อยู่ใน ${shown(join(root, EDITOR_SCHEMA_DIR))} และ ${shown(join(root, '.vscode'))}`, `files for the editor (checks and completion while typing) are in ${shown(join(root, EDITOR_SCHEMA_DIR))} and ${shown(join(root, '.vscode'))}`));
  if (existing) say(lang, bi(`ใช้ข้อมูลหน่วยงานจาก ${shown(existing)} ที่มีอยู่แล้ว`, `uses the existing authority file ${shown(existing)}`));
  if (existing && name !== undefined) {
    const current = /^name:\s*(.+)$/m.exec(await readFile(existing, 'utf8').catch(() => ''))?.[1]?.trim().replace(/^["']|["']$/g, '');
    if (current && current !== name) say(lang, bi(`คำเตือน: ${shown(existing)} เป็นของ "${current}" ไม่ใช่ "${name}" (ไม่ได้แก้ไฟล์นั้น)`, `warning: ${shown(existing)} names "${current}", not "${name}" (that file is left as it is)`), 'err');
  }
  if (!isAuthority) {
    say(lang, bi(
      `ขั้นต่อไป: แก้ข้อความในวงเล็บ ( ) ในไฟล์ แล้วดูผลด้วย\n  ita-report preview ${shown(target)}\nหรือสร้าง PDF ด้วย\n  ita-report build ${shown(target)}`,
      `next: replace the texts in brackets ( ) in the file, then look at the result with\n  ita-report preview ${shown(target)}\nor print the PDF with\n  ita-report build ${shown(target)}`,
    ));
  }
  return { exitCode: 0, written };
}
