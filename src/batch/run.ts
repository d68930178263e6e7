/**
 * Building many documents in one process: one browser shared by all, at most
 * `jobs` documents printing at once, each PDF written atomically, unchanged
 * documents skipped, and a failure or a browser crash confined to the documents
 * it touched (retried once on a fresh browser) instead of stopping the run.
 */
import { resolve } from 'node:path';
import { bi, hasErrors, strictly, UserError, type Bilingual, type Diagnostic } from '../diagnostics.js';
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
  /** Stops the run (a signal): no document is started after it, the browser launched here is closed. */
  signal?: AbortSignal;
  /** --verbose lines of the browser launched here. */
  verbose?: (line: Bilingual) => void;
}

export function outputFor(input: Input, outDir: string | undefined): string {
  return outDir ? resolve(outDir, input.relativeOutput) : outputPathFor(input.file);
}

/** Why a document failed to print, for the officer: a time limit says which option raises it. */
export function printFailure(file: string, err: unknown, retryHint: Bilingual): Diagnostic {
  if (err instanceof PrintTimeoutError) {
    return {
      severity: 'error', code: 'print/timeout', file, line: 0, column: 0, path: [],
      message: bi(`พิมพ์ PDF นานเกินเวลาที่กำหนด (--timeout ${err.seconds} วินาที)`, `printing took longer than the time limit (--timeout ${err.seconds} s)`),
      hint: bi(`เพิ่มเวลาด้วย --timeout เช่น --timeout ${Math.min(86_400, err.seconds * 2)}`, `raise the limit with --timeout, e.g. --timeout ${Math.min(86_400, err.seconds * 2)}`),
    };
  }
  const first = (err as Error)?.message?.split('\n')[0] ?? String(err);
  return { severity: 'error', code: 'print/failed', file, line: 0, column: 0, path: [], message: bi(`พิมพ์ PDF ไม่สำเร็จ: ${first}`, `printing failed: ${first}`), hint: retryHint };
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
  const stopped = () => opts.signal?.aborted === true;
  const getPrinter = async () => {
    if (printer) return printer;
    if (stopped()) throw new Error('stopped');
    launching ??= Printer.launch({ browserPath: opts.browserPath, timeout: opts.timeout, verbose: opts.verbose, jobs: opts.jobs });
    printer = await launching;
    if (allStarted) printer.lastDocumentsStarted();
    return printer;
  };
  /** Whether the last input has been taken: the printer then opens no page ahead. */
  let allStarted = false;
  // Stopped: the browser launched here ends now, so the documents printing on it end too.
  const closeOwnBrowser = () => void launching?.then((p) => p.close(), () => undefined);
  opts.signal?.addEventListener('abort', closeOwnBrowser, { once: true });

  const outcomes: Outcome[] = new Array(inputs.length);
  let next = 0;

  const buildOne = async (input: Input): Promise<Outcome> => {
    const started = performance.now();
    const output = outputFor(input, opts.outDir);
    const elapsed = () => performance.now() - started;
    const fresh = opts.force ? undefined : await cache.fresh(input.file, output);
    // Under --strict a document whose last build had warnings is checked again (and found invalid).
    if (fresh && !(opts.strict && fresh.warnings.length > 0)) return { input: input.file, output, status: 'up-to-date', pages: fresh.pages, ms: elapsed(), retried: false, diagnostics: fresh.warnings };
    if (stopped()) return { input: input.file, status: 'failed', ms: elapsed(), retried: false, diagnostics: [] };
    // The browser starts while the document is checked (each takes a few hundred ms); should
    // the document be invalid, a failure to start is reported only when a PDF needs the browser.
    void getPrinter().catch(() => undefined);
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
        // Awaited by buildDocument after rendering; a launch failure surfaces there.
        const ready = getPrinter();
        ready.catch(() => undefined);
        const result = await buildDocument(input.file, ready, { output, derived: checked, root: opts.root, force: opts.force });
        if (!result.output) return { input: input.file, status: 'failed', ms: elapsed(), retried, diagnostics: result.diagnostics };
        await cache.record(input.file, result.output, result.dependencies, result.pages ?? 0, result.diagnostics);
        return { input: input.file, output: result.output, status: 'built', pages: result.pages, ms: elapsed(), retried, diagnostics: result.diagnostics };
      } catch (err) {
        if (stopped()) return { input: input.file, status: 'failed', ms: elapsed(), retried, diagnostics: [] };
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
          diagnostics: [printFailure(input.file, err, bi('ลองสั่งใหม่ ถ้ายังไม่ได้ให้แจ้งผู้พัฒนาพร้อมไฟล์นี้', 'try again; if it keeps failing, report it with this file'))],
        };
      }
    }
  };

  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= inputs.length || stopped()) return;
      if (i === inputs.length - 1) {
        allStarted = true;
        if (printer !== opts.printer) printer?.lastDocumentsStarted();
      }
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
    opts.signal?.removeEventListener('abort', closeOwnBrowser);
    await cache.save();
    const own = printer ?? (await launching?.catch(() => undefined));
    if (own && own !== opts.printer) await own.close();
  }
  return outcomes;
}
