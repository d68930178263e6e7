/** `ita-report build INPUT… [-o DIR]`: every document of the inputs to PDF, with progress and a summary. */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { bi, type Bilingual, type Diagnostic, type Lang } from '../diagnostics.js';
import { expandInputs, type Expanded, type Input } from '../batch/inputs.js';
import { prepareOutputs } from '../batch/outputs.js';
import { outputFor, runBatch } from '../batch/run.js';
import { parseShard, shard } from '../batch/shard.js';
import { removeStale, type Scope, type StalePdf } from '../batch/stale.js';
import { outcomeLine, Progress } from './progress.js';
import { display, EXIT_INVALID, EXIT_OK, EXIT_USAGE, formatDiagnostics, jsonSummary, printDiagnostics, skippedLine, totals, totalsLine } from './report.js';
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
  strict?: boolean;
  verbose?: boolean;
  root?: string;
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

export const TIMEOUT_USAGE = bi(`--timeout ต้องเป็นจำนวนวินาทีตั้งแต่ 1 ถึง ${MAX_TIMEOUT_SECONDS} (หนึ่งวัน)`, `--timeout takes seconds from 1 to ${MAX_TIMEOUT_SECONDS} (a day)`);

export function timeoutUsage(lang: Lang): string {
  return `ita-report: ${TIMEOUT_USAGE[lang]}\n`;
}

/** --verbose: lines about the browser (where it was found, its sandbox) on stderr. */
export function verboseWriter(enabled: boolean | undefined, lang: Lang): ((line: Bilingual) => void) | undefined {
  return enabled ? (line) => process.stderr.write(`ita-report: ${line[lang]}\n`) : undefined;
}

export async function buildCommand(args: string[], opts: BuildOptions, lang: Lang): Promise<number> {
  const jobs = opts.jobs === undefined ? defaultJobs() : Number(opts.jobs);
  const timeout = parseTimeout(opts.timeout);
  const shardSpec = opts.shard === undefined ? undefined : parseShard(opts.shard);
  const started = performance.now();
  // With --json, stdout is always one JSON summary, also when the command itself was wrong.
  const refuse = (problems: Diagnostic[], exitCode: number) => {
    if (opts.json) process.stdout.write(`${JSON.stringify(jsonSummary([], [], performance.now() - started, lang, { shard: opts.shard, errors: problems }), null, 2)}\n`);
    else printDiagnostics(problems, lang);
    return exitCode;
  };
  if (timeout === undefined || !Number.isInteger(jobs) || jobs < 1 || (opts.shard !== undefined && !shardSpec)) {
    const usage = timeout === undefined ? TIMEOUT_USAGE : bi('--jobs ต้องเป็นจำนวนเต็มตั้งแต่ 1 และ --shard อยู่ในรูป K/N เช่น 1/4', '--jobs takes a whole number from 1, --shard K/N such as 1/4');
    if (opts.json) return refuse([{ severity: 'error', code: 'usage/option', file: '', line: 0, column: 0, path: [], message: usage }], EXIT_USAGE);
    process.stderr.write(`ita-report: ${usage[lang]}\n`);
    return EXIT_USAGE;
  }
  const expanded = await expandInputs(args);
  if (expanded.diagnostics.length > 0) return refuse(expanded.diagnostics, EXIT_USAGE);
  // Before anything prints, and over every shard: two documents must not write one PDF (batch/outputs.ts).
  const collisions = await prepareOutputs(expanded.inputs.map((i) => ({ file: i.file, output: outputFor(i, opts.out) })), opts.out);
  if (collisions.length > 0) return refuse(collisions, EXIT_USAGE);
  // A shard is chosen by the path below the input root (the PDF's path below --out): stable as documents come and go.
  const inputs = shardSpec ? shard(expanded.inputs, shardSpec, (i) => i.relativeOutput) : expanded.inputs;
  const progress = new Progress(inputs.length, lang, opts.json ? 'json' : 'auto');
  if (opts.verbose) for (const s of expanded.skipped) progress.print(skippedLine(s, lang), 'out');
  const stop = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const stopListening = onStopSignals((signal) => {
    stoppedBy = signal;
    progress.end();
    process.stderr.write(lang === 'th' ? `ita-report: ได้รับสัญญาณ ${signal} กำลังหยุดและปิดเบราว์เซอร์\n` : `ita-report: ${signal} received: stopping and closing the browser\n`);
    stop.abort();
  });
  let outcomes;
  try {
    outcomes = await runBatch(inputs, {
      outDir: opts.out,
      root: opts.root,
      jobs,
      force: opts.force,
      strict: opts.strict,
      browserPath: opts.browser,
      timeout,
      signal: stop.signal,
      verbose: verboseWriter(opts.verbose, lang),
      onStart: (i) => progress.start(i),
      onDone: (o) => {
        if (stoppedBy) return;
        progress.finish(o);
        // Warnings of a good document (an up-to-date one's too, as its last build found them)
        // are shown as they come; failures are listed at the end.
        if (o.status === 'built' || o.status === 'up-to-date') for (const line of formatDiagnostics(o.diagnostics, lang)) progress.print(line, 'err');
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
  const stale = opts.out ? await removeStale(staleScope(opts.out, expanded, inputs)) : { removed: [], kept: [] };
  const failed = outcomes.filter((o) => o.status === 'invalid' || o.status === 'failed');
  const sum = totals(outcomes, expanded.skipped);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(jsonSummary(outcomes, expanded.skipped, performance.now() - started, lang, { shard: opts.shard, stale }), null, 2)}\n`);
  } else {
    for (const s of stale.removed) process.stdout.write(`- ${display(s.output)} (${staleWords(s, lang)})\n`);
    for (const s of stale.kept) {
      process.stderr.write(lang === 'th'
        ? `${display(s.output)}: ไม่ได้ลบ แม้ไม่ใช่ผลของเอกสารในชุดนี้ (${staleWords(s, lang)}) เพราะไฟล์ถูกแก้หลังจาก ita-report เขียน\n`
        : `${display(s.output)}: not removed although stale (${staleWords(s, lang)}): it changed after ita-report wrote it\n`);
    }
    if (failed.length > 0) {
      process.stderr.write(lang === 'th' ? `\nเอกสารที่ไม่สำเร็จ ${failed.length} รายการ:\n` : `\n${failed.length} document(s) failed:\n`);
      // A reason shared by every document (no browser on this computer) is said once.
      const said = new Set<string>();
      for (const o of failed) {
        process.stderr.write(`${outcomeLine(o, lang)}\n`);
        for (const line of formatDiagnostics(o.diagnostics, lang)) {
          if (said.has(line)) continue;
          said.add(line);
          process.stderr.write(`${line}\n`);
        }
      }
    }
    // Also for a shard with nothing to build: the log says so.
    if (outcomes.length !== 1 || failed.length > 0 || sum.warnings > 0 || sum.skipped > 0) {
      process.stdout.write(`${totalsLine(sum, 'build', ((performance.now() - started) / 1000).toFixed(1), lang)}\n`);
    }
  }
  return failed.length > 0 || (opts.strict && sum.warnings > 0) ? EXIT_INVALID : EXIT_OK;
}

function defaultJobs(): number {
  // One browser process does the rendering; more pages at once than cores only adds memory.
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** What removeStale needs to know: the documents named, the ones this run builds and where, the YAML passed over as no document. */
function staleScope(outDir: string, expanded: Expanded, built: Input[]): Scope {
  return {
    outDir,
    documents: expanded.inputs.map((i) => resolve(i.file)),
    built: new Map(built.map((i) => [outputFor(i, outDir), resolve(i.file)])),
    notDocuments: expanded.skipped.filter((s) => s.reason === 'not-a-document').map((s) => resolve(s.file)),
  };
}

function staleWords(s: StalePdf, lang: Lang): string {
  const words = {
    'source-gone': bi('ไม่มีไฟล์ YAML ของเอกสารนี้แล้ว', 'its YAML is gone'),
    'not-a-document': bi('ไฟล์ YAML ไม่ใช่เอกสารแล้ว', 'its YAML is no longer a document'),
    'other-shard': bi('เอกสารอยู่ในส่วนอื่นของ --shard', 'its document belongs to another shard'),
    moved: bi('เอกสารนี้สร้างไปที่ตำแหน่งอื่นแล้ว', 'its document now builds to another path'),
  } as const;
  return words[s.reason][lang];
}
