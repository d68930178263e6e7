/**
 * `ita-report init progress --plan PLAN.yaml --year N [DIR]`: a progress report that
 * already lists every project of the plan for that fiscal year, under its name in the
 * plan, so the officer only writes what happened. starters/progress.yaml is the
 * commented base: its first project entry is the pattern repeated for each project
 * (in full for the first, without the explanations for the others).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { bi, hasErrors, type Bilingual, type Lang } from '../diagnostics.js';
import { nameText, planOutline, type OutlineProject, type PlanInput } from '../kinds/plan/outline.js';
import { checkDocument } from '../pipeline.js';
import { formatMoney } from '../thai/index.js';
import { PACKAGE_ROOT } from '../paths.js';
import { printDiagnostics } from './report.js';

export interface ProgressInit {
  /** The file to write (checked not to exist by the caller). */
  target: string;
  /** --plan as typed, relative to the working folder. */
  plan?: string;
  year: number;
  /** The `# yaml-language-server: $schema=…` line for the target's folder. */
  modeline: string;
}

function fail(lang: Lang, exitCode: 1 | 2, text: Bilingual): { exitCode: 1 | 2; written: string[] } {
  process.stderr.write(`ita-report: ${text[lang]}\n`);
  return { exitCode, written: [] };
}

const ENTRY_START = /^ {2}# ลำดับที่ /;
/** A commented-out field (`# spent: 0`, `#   - …`), as opposed to a line of explanation. */
const COMMENTED_FIELD = /^\s*# (?:[a-z_]+:|\s+- )/;

/** The comment above an entry: where the project is in the plan and what it was given for the year. */
function entryHeading(p: OutlineProject, year: number): string {
  const planned = p.budget.get(year);
  const money = planned ? `งบประมาณตามแผนปี ${year}: ${formatMoney(planned, { digits: 'arabic', decimals: false })} บาท` : 'ไม่ใช้งบประมาณ';
  return `  # ลำดับที่ ${p.sequence} · มิติที่ ${p.dimension + 1} · ภารกิจ ${p.subMission?.number ?? p.mission.number} · ${money}`;
}

/** The starter's text with its one project entry replaced by one entry per project of the year. */
export function progressStarterText(starter: string, outline: ReturnType<typeof planOutline>, planRef: string, year: number): string {
  const lines = starter.split('\n');
  const start = lines.findIndex((l) => ENTRY_START.test(l));
  let end = start + 1;
  while (end < lines.length && lines[end]!.startsWith('  ')) end += 1;
  const pattern = lines.slice(start + 1, end);
  const compact = pattern.filter((l) => !l.trimStart().startsWith('#') || COMMENTED_FIELD.test(l));
  const entries: string[] = [];
  let dimension = -1;
  outline.projects.filter((p) => p.years.includes(year)).forEach((p, k) => {
    if (p.dimension !== dimension) {
      dimension = p.dimension;
      entries.push(`${k === 0 ? '' : '\n'}  # ---------------- มิติที่ ${dimension + 1} ${outline.dimensions[dimension]!.name}`);
    }
    entries.push(entryHeading(p, year));
    const name = stringify(nameText(p.name), { lineWidth: 0 }).trimEnd();
    for (const l of k === 0 ? pattern : compact) entries.push(l.startsWith('  - project:') ? `  - project: ${name}` : l);
  });
  return [...lines.slice(0, start), ...entries, ...lines.slice(end)]
    .join('\n')
    .replace(/^plan: .*$/m, `plan: ${stringify(planRef, { lineWidth: 0 }).trimEnd()}`)
    .replace(/^fiscal_year: .*$/m, `fiscal_year: ${year}`);
}

/** Writes the starter for `init progress`; messages go to stdout/stderr in `lang`. */
export async function initProgress(opts: ProgressInit, lang: Lang): Promise<{ exitCode: 0 | 1 | 2; written: string[] }> {
  if (opts.plan === undefined) {
    return fail(lang, 2, bi('init progress ต้องระบุไฟล์แผนที่รายงานผล เช่น ita-report init progress --plan plan-2566-2570.yaml --year 2567', 'init progress needs the plan it reports on, e.g. ita-report init progress --plan plan-2566-2570.yaml --year 2567'));
  }
  const planFile = resolve(opts.plan);
  if (!existsSync(planFile)) return fail(lang, 2, bi(`ไม่พบไฟล์แผน ${opts.plan}`, `plan file ${opts.plan} not found`));
  const checked = await checkDocument(planFile);
  if ((checked.doc?.data as { kind?: unknown } | undefined)?.kind !== 'plan') {
    return fail(lang, 2, bi(`${opts.plan} ไม่ใช่แผนปฏิบัติการ (kind: plan)`, `${opts.plan} is not a plan (kind: plan)`));
  }
  if (hasErrors(checked.diagnostics)) {
    printDiagnostics(checked.diagnostics, lang);
    return fail(lang, 1, bi(`แผน ${opts.plan} มีข้อผิดพลาด แก้แผนก่อน แล้วสั่ง init progress อีกครั้ง`, `the plan ${opts.plan} has errors; fix it first, then run init progress again`));
  }
  const outline = planOutline(checked.doc!.data as PlanInput);
  if (!outline.years.includes(opts.year)) {
    return fail(lang, 2, bi(`แผน ${opts.plan} ครอบคลุมปี ${outline.period.from}–${outline.period.to} ไม่มีปี ${opts.year} ใช้ --year ในช่วงนั้น`, `the plan ${opts.plan} covers ${outline.period.from}–${outline.period.to}, not ${opts.year}; give a --year in that range`));
  }
  const planRef = relative(dirname(opts.target), planFile).split(/[\\/]/).join('/');
  const starter = await readFile(join(PACKAGE_ROOT, 'starters', 'progress.yaml'), 'utf8');
  const text = progressStarterText(starter, outline, planRef, opts.year).replace(/^# yaml-language-server: \$schema=.*$/m, opts.modeline);
  await mkdir(dirname(opts.target), { recursive: true });
  await writeFile(opts.target, text);
  const shown = relative(process.cwd(), opts.target) || opts.target;
  const count = outline.projects.filter((p) => p.years.includes(opts.year)).length;
  process.stdout.write(`${bi(`สร้างไฟล์ ${shown} แล้ว (${count} โครงการของปี ${opts.year} จาก ${opts.plan})`, `created ${shown} (${count} projects of ${opts.year} from ${opts.plan})`)[lang]}\n`);
  process.stdout.write(`${bi(`ขั้นต่อไป: เขียนสถานะและผลการดำเนินการของแต่ละโครงการ แล้วดูผลด้วย\n  ita-report preview ${shown}`, `next: write each project's status and what was done, then look at the result with\n  ita-report preview ${shown}`)[lang]}\n`);
  return { exitCode: 0, written: [opts.target] };
}
