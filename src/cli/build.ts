/** `ita-report build INPUT… [-o DIR]`: every document of the inputs to PDF, with progress and a summary. */
import { availableParallelism } from 'node:os';
import type { Lang } from '../diagnostics.js';
import { expandInputs, parseShard, shard } from '../batch/inputs.js';
import { prepareOutputs } from '../batch/outputs.js';
import { outputFor, runBatch } from '../batch/run.js';
import { outcomeLine, Progress } from './progress.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, formatDiagnostics, jsonSummary, printDiagnostics, skippedLine, totals, totalsLine } from './report.js';

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
  if (opts.verbose) for (const s of expanded.skipped) progress.print(skippedLine(s, lang), 'out');
  const started = performance.now();
  const outcomes = await runBatch(inputs, {
    outDir: opts.out,
    root: opts.root,
    jobs,
    force: opts.force,
    strict: opts.strict,
    browserPath: opts.browser,
    timeout: timeoutSeconds * 1000,
    onStart: (i) => progress.start(i),
    onDone: (o) => {
      progress.finish(o);
      // Warnings of a good document (an up-to-date one's too, as its last build found them)
      // are shown as they come; failures are listed at the end.
      if (o.status === 'built' || o.status === 'up-to-date') for (const line of formatDiagnostics(o.diagnostics, lang)) progress.print(line, 'err');
    },
  });
  progress.end();
  const failed = outcomes.filter((o) => o.status === 'invalid' || o.status === 'failed');
  const sum = totals(outcomes, expanded.skipped);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(jsonSummary(outcomes, expanded.skipped, performance.now() - started, lang), null, 2)}\n`);
  } else {
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
    if (outcomes.length > 1 || failed.length > 0 || sum.warnings > 0 || sum.skipped > 0) {
      process.stdout.write(`${totalsLine(sum, 'build', ((performance.now() - started) / 1000).toFixed(1), lang)}\n`);
    }
  }
  return failed.length > 0 || (opts.strict && sum.warnings > 0) ? EXIT_INVALID : EXIT_OK;
}

function defaultJobs(): number {
  // One browser process does the rendering; more pages at once than cores only adds memory.
  return Math.max(1, Math.min(4, availableParallelism()));
}
