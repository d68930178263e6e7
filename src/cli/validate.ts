/**
 * `ita-report validate INPUT…`: load, validate and derive every document of the inputs
 * (files, folders, patterns, as for build); no browser is started. Each document gets a
 * line, its problems, and the run a closing line with the counts (or --json).
 */
import { strictly, type Lang } from '../diagnostics.js';
import { expandInputs } from '../batch/inputs.js';
import type { Outcome } from '../batch/run.js';
import { deriveDocument } from '../pipeline.js';
import { outcomeLine } from './progress.js';
import { count, EXIT_INVALID, EXIT_OK, jsonSummary, printDiagnostics, skippedLine, totals, totalsLine } from './report.js';

export interface ValidateOptions {
  json?: boolean;
  strict?: boolean;
  verbose?: boolean;
  /** --root: the folder documents may read from (load/files.ts). */
  root?: string;
}

export async function validateCommand(args: string[], opts: ValidateOptions, lang: Lang): Promise<number> {
  const expanded = await expandInputs(args, { explicitAuthority: true });
  if (expanded.diagnostics.length > 0) {
    // A file that is not there is a document that cannot be valid (exit 1, as it always was).
    printDiagnostics(expanded.diagnostics, lang);
    return EXIT_INVALID;
  }
  const started = performance.now();
  if (opts.verbose && !opts.json) for (const s of expanded.skipped) process.stdout.write(`${skippedLine(s, lang)}\n`);
  const outcomes: Outcome[] = [];
  for (const input of expanded.inputs) {
    const t0 = performance.now();
    // Derive too: placeholders in prose are checked there. Still no browser.
    const found = (await deriveDocument(input.file, { root: opts.root })).diagnostics;
    const diagnostics = opts.strict ? strictly(found) : found;
    const outcome: Outcome = { input: input.file, status: count(diagnostics).errors > 0 ? 'invalid' : 'valid', ms: performance.now() - t0, retried: false, diagnostics };
    outcomes.push(outcome);
    if (opts.json) continue;
    printDiagnostics(diagnostics, lang);
    process.stdout.write(`${outcomeLine(outcome, lang)}\n`);
  }
  const sum = totals(outcomes, expanded.skipped);
  if (opts.json) process.stdout.write(`${JSON.stringify(jsonSummary(outcomes, expanded.skipped, performance.now() - started, lang), null, 2)}\n`);
  else if (outcomes.length > 1 || sum.skipped > 0) process.stdout.write(`${totalsLine(sum, 'validate', ((performance.now() - started) / 1000).toFixed(1), lang)}\n`);
  return sum.invalid > 0 ? EXIT_INVALID : EXIT_OK;
}
