/** `ita-report build INPUT… [-o DIR]`: every document of the inputs to PDF, with progress and a summary. */
import { availableParallelism } from 'node:os';
import { formatPath, type Lang } from '../diagnostics.js';
import { expandInputs, parseShard, shard } from '../batch/inputs.js';
import { prepareOutputs } from '../batch/outputs.js';
import { outputFor, runBatch, type Outcome } from '../batch/run.js';
import { TOOL_VERSION } from '../paths.js';
import { outcomeLine, Progress } from './progress.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, printDiagnostics } from './report.js';

export interface BuildOptions {
  out?: string;
  browser?: string;
  jobs?: string;
  force?: boolean;
  shard?: string;
  json?: boolean;
  timeout?: string;
  watch?: boolean;
  root?: string;
}

export async function buildCommand(args: string[], opts: BuildOptions, lang: Lang): Promise<number> {
  const jobs = opts.jobs === undefined ? defaultJobs() : Number(opts.jobs);
  const timeoutSeconds = opts.timeout === undefined ? 120 : Number(opts.timeout);
  const shardSpec = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (!Number.isInteger(jobs) || jobs < 1 || !Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || (opts.shard !== undefined && !shardSpec)) {
    process.stderr.write(lang === 'th'
      ? 'ita-report: --jobs ต้องเป็นจำนวนเต็มตั้งแต่ 1, --timeout เป็นจำนวนวินาที และ --shard อยู่ในรูป K/N เช่น 1/4\n'
      : 'ita-report: --jobs takes a whole number from 1, --timeout seconds, --shard K/N such as 1/4\n');
    return EXIT_USAGE;
  }
  const expanded = await expandInputs(args);
  if (expanded.diagnostics.length > 0) {
    printDiagnostics(expanded.diagnostics, lang);
    return EXIT_USAGE;
  }
  const inputs = shardSpec ? shard(expanded.inputs, shardSpec) : expanded.inputs;
  const refused = await prepareOutputs(inputs.map((i) => ({ file: i.file, output: outputFor(i, opts.out) })), opts.out);
  if (refused.length > 0) {
    printDiagnostics(refused, lang);
    return EXIT_USAGE;
  }
  const progress = new Progress(inputs.length, lang, opts.json ? 'json' : 'auto');
  const started = performance.now();
  const outcomes = await runBatch(inputs, {
    outDir: opts.out,
    root: opts.root,
    jobs,
    force: opts.force,
    browserPath: opts.browser,
    timeout: timeoutSeconds * 1000,
    onStart: (i) => progress.start(i),
    onDone: (o) => {
      // Warnings of a good document are shown as they come; failures are listed at the end.
      if (!opts.json && (o.status === 'built' || o.status === 'up-to-date')) printDiagnostics(o.diagnostics, lang);
      progress.finish(o);
    },
  });
  progress.end();
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

