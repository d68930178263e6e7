/** `ita-report build INPUT… [-o DIR]`: every document of the inputs to PDF, with progress and a summary. */
import { availableParallelism } from 'node:os';
import { formatPath, type Bilingual, type Lang } from '../diagnostics.js';
import { expandInputs, parseShard, shard } from '../batch/inputs.js';
import { runBatch, type Outcome } from '../batch/run.js';
import { TOOL_VERSION } from '../paths.js';
import { outcomeLine, Progress } from './progress.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, printDiagnostics } from './report.js';
import { onStopSignals, SIGNAL_EXIT, type StopSignal } from './signals.js';

export interface BuildOptions {
  out?: string;
  browser?: string;
  jobs?: string;
  force?: boolean;
  shard?: string;
  json?: boolean;
  timeout?: string;
  watch?: boolean;
  verbose?: boolean;
}

/** The longest --timeout: a day. Node's timers hold at most about 24.8 days, and no document needs a day. */
export const MAX_TIMEOUT_SECONDS = 86_400;

/** --timeout in milliseconds (default 120 s), or undefined when it is not 1–86400 seconds. */
export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return 120_000;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) return undefined;
  return Math.round(seconds * 1000);
}

export function timeoutUsage(lang: Lang): string {
  return lang === 'th'
    ? `ita-report: --timeout ต้องเป็นจำนวนวินาทีตั้งแต่ 1 ถึง ${MAX_TIMEOUT_SECONDS} (หนึ่งวัน)\n`
    : `ita-report: --timeout takes seconds from 1 to ${MAX_TIMEOUT_SECONDS} (a day)\n`;
}

/** --verbose: lines about the browser (where it was found, its sandbox) on stderr. */
export function verboseWriter(enabled: boolean | undefined, lang: Lang): ((line: Bilingual) => void) | undefined {
  return enabled ? (line) => process.stderr.write(`ita-report: ${line[lang]}\n`) : undefined;
}

export async function buildCommand(args: string[], opts: BuildOptions, lang: Lang): Promise<number> {
  const jobs = opts.jobs === undefined ? defaultJobs() : Number(opts.jobs);
  const timeout = parseTimeout(opts.timeout);
  const shardSpec = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (timeout === undefined) {
    process.stderr.write(timeoutUsage(lang));
    return EXIT_USAGE;
  }
  if (!Number.isInteger(jobs) || jobs < 1 || (opts.shard !== undefined && !shardSpec)) {
    process.stderr.write(lang === 'th'
      ? 'ita-report: --jobs ต้องเป็นจำนวนเต็มตั้งแต่ 1 และ --shard อยู่ในรูป K/N เช่น 1/4\n'
      : 'ita-report: --jobs takes a whole number from 1, --shard K/N such as 1/4\n');
    return EXIT_USAGE;
  }
  const expanded = await expandInputs(args);
  if (expanded.diagnostics.length > 0) {
    printDiagnostics(expanded.diagnostics, lang);
    return EXIT_USAGE;
  }
  const inputs = shardSpec ? shard(expanded.inputs, shardSpec) : expanded.inputs;
  const progress = new Progress(inputs.length, lang, opts.json ? 'json' : 'auto');
  const started = performance.now();
  const stop = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const stopListening = onStopSignals((signal) => {
    stoppedBy = signal;
    progress.end();
    process.stderr.write(lang === 'th' ? `ita-report: ได้รับสัญญาณ ${signal} กำลังหยุดและปิดเบราว์เซอร์\n` : `ita-report: ${signal} received: stopping and closing the browser\n`);
    stop.abort();
  });
  let outcomes: Outcome[];
  try {
    outcomes = await runBatch(inputs, {
      outDir: opts.out,
      jobs,
      force: opts.force,
      browserPath: opts.browser,
      timeout,
      signal: stop.signal,
      verbose: verboseWriter(opts.verbose, lang),
      onStart: (i) => progress.start(i),
      onDone: (o) => {
        if (stoppedBy) return;
        // Warnings of a good document are shown as they come; failures are listed at the end.
        if (!opts.json && (o.status === 'built' || o.status === 'up-to-date')) printDiagnostics(o.diagnostics, lang);
        progress.finish(o);
      },
    });
  } finally {
    stopListening();
  }
  progress.end();
  if (stoppedBy) {
    const built = outcomes.filter((o) => o?.status === 'built').length;
    process.stderr.write(lang === 'th'
      ? `ita-report: หยุดตามสัญญาณ ${stoppedBy} ปิดเบราว์เซอร์แล้ว (สร้างเสร็จ ${built} จาก ${outcomes.length} เอกสาร)\n`
      : `ita-report: stopped by ${stoppedBy}; the browser is closed (${built} of ${outcomes.length} documents built)\n`);
    // Everything is closed and removed; calls the killed browser never answered (puppeteer
    // waits 30 s for some) must not keep the process alive.
    process.exit(SIGNAL_EXIT[stoppedBy]);
  }
  const failed = outcomes.filter((o) => o.status === 'invalid' || o.status === 'failed');
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(jsonSummary(outcomes, performance.now() - started, lang), null, 2)}\n`);
  } else {
    if (failed.length > 0) {
      process.stderr.write(lang === 'th' ? `\nเอกสารที่ไม่สำเร็จ ${failed.length} รายการ:\n` : `\n${failed.length} document(s) failed:\n`);
      for (const o of failed) {
        process.stderr.write(`${outcomeLine(o, lang)}\n`);
        printDiagnostics(o.diagnostics, lang);
      }
    }
    if (outcomes.length > 1) {
      const built = outcomes.filter((o) => o.status === 'built').length;
      const fresh = outcomes.filter((o) => o.status === 'up-to-date').length;
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(lang === 'th'
        ? `สร้าง ${built} ไม่เปลี่ยนแปลง ${fresh} ไม่สำเร็จ ${failed.length} จากทั้งหมด ${outcomes.length} เอกสาร (${secs} วินาที)\n`
        : `${built} built, ${fresh} up to date, ${failed.length} failed of ${outcomes.length} documents (${secs} s)\n`);
    }
  }
  return failed.length > 0 ? EXIT_INVALID : EXIT_OK;
}

function defaultJobs(): number {
  // One browser process does the rendering; more pages at once than cores only adds memory.
  return Math.max(1, Math.min(4, availableParallelism()));
}

function jsonSummary(outcomes: Outcome[], ms: number, lang: Lang) {
  return {
    tool: 'ita-report',
    version: TOOL_VERSION,
    ms: Math.round(ms),
    documents: outcomes.map((o) => ({
      input: o.input,
      output: o.output ?? null,
      status: o.status,
      pages: o.pages ?? null,
      ms: Math.round(o.ms),
      retried: o.retried,
      diagnostics: o.diagnostics.map((d) => ({ severity: d.severity, code: d.code, file: d.file, line: d.line, column: d.column, path: formatPath(d.path), message: d.message[lang], hint: d.hint?.[lang] ?? null })),
    })),
  };
}

