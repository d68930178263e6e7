/** How the CLI shows diagnostics and counts: one place, so every command speaks alike. */
import { formatDiagnostic, sortDiagnostics, type Diagnostic, type Lang } from '../diagnostics.js';
import { annotation, inGitHubActions } from './github.js';
import { display } from './progress.js';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** To stderr; in GitHub Actions as annotations (the runner reads workflow commands on stderr too). */
export function printDiagnostics(list: Diagnostic[], lang: Lang): void {
  const format = inGitHubActions() ? annotation : formatDiagnostic;
  for (const d of sortDiagnostics(list.map((x) => ({ ...x, file: display(x.file) })))) {
    process.stderr.write(`${format(d, lang)}\n`);
  }
}

export function summaryLine(errors: number, warnings: number, lang: Lang): string {
  return lang === 'th' ? `ข้อผิดพลาด ${errors} รายการ คำเตือน ${warnings} รายการ` : `${errors} error(s), ${warnings} warning(s)`;
}

export function count(list: Diagnostic[]) {
  return { errors: list.filter((d) => d.severity === 'error').length, warnings: list.filter((d) => d.severity === 'warning').length };
}

