/** How the CLI shows diagnostics, counts and summaries: one place, so every command speaks alike. */
import { formatDiagnostic, formatPath, sortDiagnostics, type Diagnostic, type Lang } from '../diagnostics.js';
import type { Skipped } from '../batch/inputs.js';
import type { Outcome } from '../batch/run.js';
import type { StalePdf, StaleResult } from '../batch/stale.js';
import { TOOL_VERSION } from '../paths.js';
import nodePath from 'node:path';
import { annotation, inGitHubActions } from './github.js';

/** A file as the officer finds it from the current folder (as it is, when it is elsewhere or on another drive). */
export function display(file: string, cwd = process.cwd(), path: nodePath.PlatformPath = nodePath): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/**
 * The diagnostics as the officer reads them: sorted, file names relative to the current folder.
 * Inside GitHub Actions, as workflow commands: annotations on the YAML lines (github.ts).
 */
export function formatDiagnostics(list: Diagnostic[], lang: Lang): string[] {
  const format = inGitHubActions() ? annotation : formatDiagnostic;
  return sortDiagnostics(list.map((x) => ({ ...x, file: display(x.file) }))).map((d) => format(d, lang));
}

export function printDiagnostics(list: Diagnostic[], lang: Lang): void {
  for (const line of formatDiagnostics(list, lang)) process.stderr.write(`${line}\n`);
}

export function summaryLine(errors: number, warnings: number, lang: Lang): string {
  return lang === 'th' ? `ข้อผิดพลาด ${errors} รายการ คำเตือน ${warnings} รายการ` : `${errors} error(s), ${warnings} warning(s)`;
}

export function count(list: Diagnostic[]) {
  return { errors: list.filter((d) => d.severity === 'error').length, warnings: list.filter((d) => d.severity === 'warning').length };
}

/** Why a YAML file found in a folder or by a pattern was passed over. */
export function skippedLine(s: Skipped, lang: Lang): string {
  const why = s.reason === 'authority'
    ? (lang === 'th' ? 'ข้อมูลหน่วยงาน ตรวจพร้อมเอกสารที่อ้างถึง' : 'authority file, checked with the documents that refer to it')
    : (lang === 'th' ? 'ไม่มีบรรทัด kind: จึงไม่ใช่เอกสาร' : 'no kind: line, not a document');
  return `- ${display(s.file)} (${lang === 'th' ? 'ข้าม' : 'skipped'}: ${why})`;
}

/** Counts over a run, the same for build and validate, for the closing line and --json. */
export interface Totals {
  documents: number;
  built: number;
  upToDate: number;
  valid: number;
  invalid: number;
  failed: number;
  skipped: number;
  errors: number;
  warnings: number;
}

export function totals(outcomes: Outcome[], skipped: Skipped[]): Totals {
  const by = (s: Outcome['status']) => outcomes.filter((o) => o.status === s).length;
  const c = count(outcomes.flatMap((o) => o.diagnostics));
  return { documents: outcomes.length, built: by('built'), upToDate: by('up-to-date'), valid: by('valid'), invalid: by('invalid'), failed: by('failed'), skipped: skipped.length, errors: c.errors, warnings: c.warnings };
}

/** The closing line of a run: printed whatever happened, even when every document failed. */
export function totalsLine(t: Totals, command: 'build' | 'validate', secs: string, lang: Lang): string {
  const th = lang === 'th';
  const parts = command === 'build'
    ? (th ? [`สร้าง ${t.built}`, `ไม่เปลี่ยนแปลง ${t.upToDate}`, `ไม่สำเร็จ ${t.invalid + t.failed}`] : [`${t.built} built`, `${t.upToDate} up to date`, `${t.invalid + t.failed} failed`])
    : (th ? [`ถูกต้อง ${t.valid}`, `ไม่ถูกต้อง ${t.invalid}`] : [`${t.valid} valid`, `${t.invalid} invalid`]);
  const tail = th
    ? `จากทั้งหมด ${t.documents} เอกสาร (${summaryLine(t.errors, t.warnings, lang)}${t.skipped > 0 ? ` ข้าม ${t.skipped} ไฟล์` : ''}) ${secs} วินาที`
    : `of ${t.documents} documents (${summaryLine(t.errors, t.warnings, lang)}${t.skipped > 0 ? `, ${t.skipped} file(s) skipped` : ''}) in ${secs} s`;
  return `${parts.join(th ? ' ' : ', ')} ${tail}`;
}

/** A diagnostic in --json. */
function jsonDiagnostic(d: Diagnostic, lang: Lang) {
  return { severity: d.severity, code: d.code, file: d.file, line: d.line, column: d.column, path: formatPath(d.path), message: d.message[lang], hint: d.hint?.[lang] ?? null };
}

/** What only a build reports in --json: its shard, problems of the command itself, stale PDFs removed from --out. */
export interface BuildSummary {
  shard?: string;
  /** A folder that does not exist, a wrong option: nothing was built. */
  errors?: Diagnostic[];
  stale?: StaleResult;
}

/** `--json`: overall counts, then each document with its diagnostics, and the files passed over. */
export function jsonSummary(outcomes: Outcome[], skipped: Skipped[], ms: number, lang: Lang, build?: BuildSummary) {
  const stale = (list: StalePdf[] = []) => list.map((s) => ({ output: s.output, input: s.source, reason: s.reason }));
  return {
    tool: 'ita-report',
    version: TOOL_VERSION,
    ms: Math.round(ms),
    ...(build && { shard: build.shard ?? null, errors: (build.errors ?? []).map((d) => jsonDiagnostic(d, lang)) }),
    totals: totals(outcomes, skipped),
    documents: outcomes.map((o) => ({
      input: o.input,
      output: o.output ?? null,
      status: o.status,
      pages: o.pages ?? null,
      ms: Math.round(o.ms),
      retried: o.retried,
      diagnostics: o.diagnostics.map((d) => jsonDiagnostic(d, lang)),
    })),
    skipped: skipped.map((s) => ({ input: s.file, reason: s.reason })),
    // Stale PDFs removed from --out (their document is gone or in another shard); `kept`: stale too, but changed since written.
    ...(build && { removed: stale(build.stale?.removed), kept: stale(build.stale?.kept) }),
  };
}
