/**
 * Building many documents in one process: one browser shared by all, at most
 * `jobs` documents printing at once, each PDF written atomically, unchanged
 * documents skipped, and a failure or a browser crash confined to the documents
 * it touched (retried once on a fresh browser) instead of stopping the run.
 */
import { resolve } from 'node:path';
import { bi, hasErrors, strictly, UserError, type Diagnostic } from '../diagnostics.js';
import { buildDocument, deriveDocument, outputPathFor } from '../pipeline.js';
import { Printer, PrintTimeoutError } from '../print/printer.js';
import { BuildCache, toolFingerprint } from './cache.js';
import type { Input } from './inputs.js';

/** `valid`: checked by `validate`, which prints nothing. */
export type Status = 'built' | 'up-to-date' | 'valid' | 'invalid' | 'failed';

export interface Outcome {
  input: string;
  output?: string;
  status: Status;
  pages?: number;
  ms: number;
  retried: boolean;
  diagnostics: Diagnostic[];
}

export interface BatchOptions {
  outDir?: string;
  /** --root: the folder documents may read from (files.ts documentRoot). */
  root?: string;
  jobs: number;
  force?: boolean;
  /** Warnings count as errors: a document with one is not printed. */
  strict?: boolean;
  browserPath?: string;
  /** Milliseconds one document may take to print. */
  timeout?: number;
  /** Called when a document starts and when it ends (progress display). */
  onStart?(input: Input): void;
  onDone?(outcome: Outcome): void;
  /** Reuse a running printer (tests, watch mode); otherwise one is launched when the first PDF is needed. */
  printer?: Printer;
}

export function outputFor(input: Input, outDir: string | undefined): string {
  return outDir ? resolve(outDir, input.relativeOutput) : outputPathFor(input.file);
}

function isBrowserFailure(err: unknown, printer: Printer | undefined): boolean {
  if (err instanceof PrintTimeoutError) return true;
  if (printer && !printer.connected) return true;
  const text = `${(err as Error)?.name ?? ''} ${(err as Error)?.message ?? ''}`;
  return /Target closed|Session closed|Connection closed|Protocol error|TargetCloseError|browser has disconnected|Navigating frame was detached|detached|main frame too early/i.test(text);
}

export async function runBatch(inputs: Input[], opts: BatchOptions): Promise<Outcome[]> {
  const cache = new BuildCache(await toolFingerprint(''));
  let printer = opts.printer;
  let launching: Promise<Printer> | undefined;
  const getPrinter = async () => {
    if (printer) return printer;
    launching ??= Printer.launch({ browserPath: opts.browserPath, timeout: opts.timeout });
    printer = await launching;
    return printer;
  };

  const outcomes: Outcome[] = new Array(inputs.length);
  let next = 0;

  const buildOne = async (input: Input): Promise<Outcome> => {
    const started = performance.now();
    const output = outputFor(input, opts.outDir);
    const elapsed = () => performance.now() - started;
    const fresh = opts.force ? undefined : await cache.fresh(input.file, output);
    // Under --strict a document whose last build had warnings is checked again (and found invalid).
    if (fresh && !(opts.strict && fresh.warnings.length > 0)) return { input: input.file, output, status: 'up-to-date', pages: fresh.pages, ms: elapsed(), retried: false, diagnostics: fresh.warnings };
    let derived;
    try {
      derived = await deriveDocument(input.file, { root: opts.root });
    } catch (err) {
      // A bug, not the document's fault: this document fails, the batch goes on.
      const first = (err as Error)?.message?.split('\n')[0] ?? String(err);
      return { input: input.file, status: 'failed', ms: elapsed(), retried: false, diagnostics: [{ severity: 'error', code: 'internal/error', file: input.file, line: 0, column: 0, path: [], message: bi(`ข้อผิดพลาดภายในเครื่องมือ: ${first}`, `internal error: ${first}`), hint: bi('แจ้งผู้พัฒนาพร้อมไฟล์นี้', 'report it with this file') }] };
    }
    const checked = opts.strict ? { ...derived, diagnostics: strictly(derived.diagnostics) } : derived;
    if (hasErrors(checked.diagnostics)) return { input: input.file, status: 'invalid', ms: elapsed(), retried: false, diagnostics: checked.diagnostics };

    let retried = false;
    for (;;) {
      try {
        const p = await getPrinter();
        const result = await buildDocument(input.file, p, { output, derived: checked, root: opts.root, force: opts.force });
        if (!result.output) return { input: input.file, status: 'failed', ms: elapsed(), retried, diagnostics: result.diagnostics };
        await cache.record(input.file, result.output, result.dependencies, result.pages ?? 0, result.diagnostics);
        return { input: input.file, output: result.output, status: 'built', pages: result.pages, ms: elapsed(), retried, diagnostics: result.diagnostics };
      } catch (err) {
        // No browser to print with: this document fails with the reason, the run goes on to its summary.
        if (err instanceof UserError) return { input: input.file, status: 'failed', ms: elapsed(), retried, diagnostics: err.diagnostics };
        if (!retried && isBrowserFailure(err, printer)) {
          retried = true;
          await (await getPrinter()).restart();
          continue;
        }
        return {
          input: input.file,
          status: 'failed',
          ms: elapsed(),
          retried,
          diagnostics: [
            {
              severity: 'error', code: 'print/failed', file: input.file, line: 0, column: 0, path: [],
              message: bi(`พิมพ์ PDF ไม่สำเร็จ: ${(err as Error).message.split('\n')[0]}`, `printing failed: ${(err as Error).message.split('\n')[0]}`),
              hint: bi('ลองสั่งใหม่ ถ้ายังไม่ได้ให้แจ้งผู้พัฒนาพร้อมไฟล์นี้', 'try again; if it keeps failing, report it with this file'),
            },
          ],
        };
      }
    }
  };

  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= inputs.length) return;
      const input = inputs[i]!;
      opts.onStart?.(input);
      const outcome = await buildOne(input);
      outcomes[i] = outcome;
      opts.onDone?.(outcome);
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.jobs, inputs.length)) }, worker));
  } finally {
    await cache.save();
    if (printer && printer !== opts.printer) await printer.close();
  }
  return outcomes;
}
