/** `ita-report build INPUT… [-o DIR]`: every document of the inputs to PDF, with progress and a summary. */
import { availableParallelism } from 'node:os';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { bi, formatPath, UserError, type Diagnostic, type Lang } from '../diagnostics.js';
import { expandInputs, type Input } from '../batch/inputs.js';
import { outputFor, runBatch, type Outcome } from '../batch/run.js';
import { parseShard, shard } from '../batch/shard.js';
import { removeStale, type StalePdf, type StaleResult } from '../batch/stale.js';
import { TOOL_VERSION } from '../paths.js';
import { display, outcomeLine, Progress } from './progress.js';
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
}

export async function buildCommand(args: string[], opts: BuildOptions, lang: Lang): Promise<number> {
  const jobs = opts.jobs === undefined ? defaultJobs() : Number(opts.jobs);
  const timeoutSeconds = opts.timeout === undefined ? 120 : Number(opts.timeout);
  const shardSpec = opts.shard === undefined ? undefined : parseShard(opts.shard);
  const started = performance.now();
  // With --json, stdout is always one JSON summary, also when the command itself was wrong.
  const refuse = (problems: Diagnostic[], exitCode: number) => {
    if (opts.json) process.stdout.write(`${JSON.stringify(jsonSummary([], performance.now() - started, lang, { shard: opts.shard, errors: problems }), null, 2)}\n`);
    else printDiagnostics(problems, lang);
    return exitCode;
  };
  if (!Number.isInteger(jobs) || jobs < 1 || !Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || (opts.shard !== undefined && !shardSpec)) {
    const usage = bi('--jobs ต้องเป็นจำนวนเต็มตั้งแต่ 1, --timeout เป็นจำนวนวินาที และ --shard อยู่ในรูป K/N เช่น 1/4', '--jobs takes a whole number from 1, --timeout seconds, --shard K/N such as 1/4');
    if (opts.json) return refuse([{ severity: 'error', code: 'usage/option', file: '', line: 0, column: 0, path: [], message: usage }], EXIT_USAGE);
    process.stderr.write(`ita-report: ${usage[lang]}\n`);
    return EXIT_USAGE;
  }
  const expanded = await expandInputs(args);
  if (expanded.diagnostics.length > 0) return refuse(expanded.diagnostics, EXIT_USAGE);
  // A shard is chosen by the path below the input root (the PDF's path below --out): stable as documents come and go.
  const inputs = shardSpec ? shard(expanded.inputs, shardSpec, (i) => i.relativeOutput) : expanded.inputs;
  const progress = new Progress(inputs.length, lang, opts.json ? 'json' : 'auto');
  const outcomes = await runBatch(inputs, {
    outDir: opts.out,
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
  }).catch((err: unknown) => {
    // No browser to print with, and the like: with --json the reason goes into the summary.
    if (opts.json && err instanceof UserError) return err;
    throw err;
  });
  progress.end();
  if (outcomes instanceof UserError) return refuse(outcomes.diagnostics, EXIT_INVALID);
  const stale = opts.out ? await removeStale(await staleScope(args, opts.out, expanded.inputs, inputs)) : { removed: [], kept: [] };
  const failed = outcomes.filter((o) => o.status === 'invalid' || o.status === 'failed');
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(jsonSummary(outcomes, performance.now() - started, lang, { shard: opts.shard, stale }), null, 2)}\n`);
  } else {
    for (const s of stale.removed) process.stdout.write(`- ${display(s.output)} (${staleWords(s, lang)})\n`);
    for (const s of stale.kept) {
      process.stderr.write(lang === 'th'
        ? `${display(s.output)}: ไม่ได้ลบ แม้ไม่ใช่ผลของเอกสารในชุดนี้ (${staleWords(s, lang)}) เพราะไฟล์ถูกแก้หลังจาก ita-report เขียน\n`
        : `${display(s.output)}: not removed although stale (${staleWords(s, lang)}): it changed after ita-report wrote it\n`);
    }
    if (failed.length > 0) {
      process.stderr.write(lang === 'th' ? `\nเอกสารที่ไม่สำเร็จ ${failed.length} รายการ:\n` : `\n${failed.length} document(s) failed:\n`);
      for (const o of failed) {
        process.stderr.write(`${outcomeLine(o, lang)}\n`);
        printDiagnostics(o.diagnostics, lang);
      }
    }
    if (outcomes.length !== 1 || stale.removed.length > 0) {
      const built = outcomes.filter((o) => o.status === 'built').length;
      const fresh = outcomes.filter((o) => o.status === 'up-to-date').length;
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      const removed = stale.removed.length === 0 ? '' : lang === 'th' ? `, ลบ PDF ที่ไม่ใช่ของชุดนี้แล้ว ${stale.removed.length}` : `, ${stale.removed.length} stale PDF(s) removed`;
      process.stdout.write(lang === 'th'
        ? `สร้าง ${built} ไม่เปลี่ยนแปลง ${fresh} ไม่สำเร็จ ${failed.length} จากทั้งหมด ${outcomes.length} เอกสาร${removed} (${secs} วินาที)\n`
        : `${built} built, ${fresh} up to date, ${failed.length} failed of ${outcomes.length} documents${removed} (${secs} s)\n`);
    }
  }
  return failed.length > 0 ? EXIT_INVALID : EXIT_OK;
}

function defaultJobs(): number {
  // One browser process does the rendering; more pages at once than cores only adds memory.
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** What removeStale needs to know: every document named, the ones this run builds and where, the folders named. */
async function staleScope(args: string[], outDir: string, all: Input[], built: Input[]) {
  const roots: string[] = [];
  for (const a of args) if ((await stat(a).catch(() => null))?.isDirectory()) roots.push(resolve(a));
  return { outDir, documents: all.map((i) => resolve(i.file)), built: new Map(built.map((i) => [outputFor(i, outDir), resolve(i.file)])), roots };
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

function jsonDiagnostic(d: Diagnostic, lang: Lang) {
  return { severity: d.severity, code: d.code, file: d.file, line: d.line, column: d.column, path: formatPath(d.path), message: d.message[lang], hint: d.hint?.[lang] ?? null };
}

function jsonSummary(outcomes: Outcome[], ms: number, lang: Lang, extra: { shard?: string; stale?: StaleResult; errors?: Diagnostic[] }) {
  const stale = (list: StalePdf[] = []) => list.map((s) => ({ output: s.output, input: s.source, reason: s.reason }));
  return {
    tool: 'ita-report',
    version: TOOL_VERSION,
    ms: Math.round(ms),
    shard: extra.shard ?? null,
    // Problems of the command itself (a folder that does not exist, a wrong option): no document was built.
    errors: (extra.errors ?? []).map((d) => jsonDiagnostic(d, lang)),
    documents: outcomes.map((o) => ({
      input: o.input,
      output: o.output ?? null,
      status: o.status,
      pages: o.pages ?? null,
      ms: Math.round(o.ms),
      retried: o.retried,
      diagnostics: o.diagnostics.map((d) => jsonDiagnostic(d, lang)),
    })),
    // PDFs removed from --out because their document is gone or belongs to another shard; `kept`: the same, but changed since written.
    removed: stale(extra.stale?.removed),
    kept: stale(extra.stale?.kept),
  };
}
