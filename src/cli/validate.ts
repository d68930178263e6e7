/** `ita-report validate FILE…`: load, validate and derive; no browser is started. */
import type { Lang } from '../diagnostics.js';
import { deriveDocument } from '../pipeline.js';
import { display } from './progress.js';
import { count, EXIT_INVALID, EXIT_OK, printDiagnostics, summaryLine } from './report.js';

export async function validateCommand(files: string[], lang: Lang, opts: { root?: string } = {}): Promise<number> {
  let failed = false;
  for (const file of files) {
    // Derive too: placeholders in prose are checked there. Still no browser.
    const { diagnostics } = await deriveDocument(file, opts);
    printDiagnostics(diagnostics, lang);
    const c = count(diagnostics);
    if (c.errors > 0) failed = true;
    const ok = c.errors === 0;
    process.stdout.write(`${ok ? '✓' : '✗'} ${display(file)}${ok ? (lang === 'th' ? ' ถูกต้อง' : ' is valid') : ''} (${summaryLine(c.errors, c.warnings, lang)})\n`);
  }
  return failed ? EXIT_INVALID : EXIT_OK;
}

