#!/usr/bin/env node
// npm run bench [-- --docs N] [--runs R] [--jobs J] [--skip-naive] [--skip-cold] [--skip-memory] [--skip-batch]
// Measures ita-report against what it cannot beat, in one run, and prints the ratios:
//
// 1. Cold, one document, as a user runs it: a new `ita-report build` process per document,
//    paired with a process that starts Chromium and prints the same HTML once
//    (bench/raw-print.js, the HTML kept with ITA_REPORT_KEEP_HTML) — medians of R paired runs,
//    for each example; and `ita-report validate` of the plan against a bare `node -e 0`.
// 2. Memory: `ita-report build` of six copies of the example plan at the default --jobs (two
//    jobs, of which one has the browser while a long plan is loaded and printed), Node and
//    Chromium together, R runs.
// 3. A batch of N distinct documents (the examples with names and figures varied, so that
//    nothing can be reused from an identical document): ita-report; the naive way (a new
//    browser for every document); raw Chromium printing the final HTML of the same documents
//    once each in one browser (the floor). Documents/s, pages/s, CPU time, and the peak memory
//    of Node and Chromium together (each process's own pages, shared pages once; every 100 ms).
//
// Not a test: the figures vary by machine and load; the ratios are what to compare.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { isScalar, parseDocument, visit } from 'yaml';
import { runBatch } from '../dist/batch/run.js';
import { deriveDocument, renderHtml, buildDocument } from '../dist/pipeline.js';
import { Printer } from '../dist/print/printer.js';
import { launchRaw, printRaw } from './raw-print.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const flag = (name) => process.argv.includes(name);
const N = Number(arg('--docs', process.env.BENCH_DOCS ?? '100'));
const RUNS = Number(arg('--runs', '5'));
const JOBS = Number(arg('--jobs', '2'));
const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'bin/ita-report.js');
const RAW = join(ROOT, 'bench/raw-print.js');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** The examples: [folder, file] of every YAML that starts a document. */
function examples() {
  const out = [];
  const dirs = readdirSync(join(ROOT, 'examples'), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'ci').map((d) => d.name);
  // An authority file (kind: authority) is shared data, not a document.
  for (const ex of dirs) for (const f of readdirSync(join(ROOT, 'examples', ex)).sort()) if (/\.ya?ml$/.test(f) && /^kind:(?!\s*authority\b)/m.test(readFileSync(join(ROOT, 'examples', ex, f), 'utf8'))) out.push([ex, f]);
  return out;
}

/** Wall time (ms) of a child process; rejects if it fails. */
function timed(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${args.join(' ')}: exit ${code}\n${err}`))));
  });
}

// ---------------------------------------------------------------------------
// 1. Cold: a new process per document.

async function cold() {
  const dir = mkdtempSync(join(tmpdir(), 'ita-bench-cold-'));
  console.log(`\ncold, one document per process (median of ${RUNS} paired runs; raw = start Chromium, print the same HTML once)`);
  console.log(`${'document'.padEnd(34)} ${'ita-report'.padStart(10)} ${'raw'.padStart(8)} ${'ratio'.padStart(7)}`);
  for (const [ex, f] of examples()) {
    const yaml = join(ROOT, 'examples', ex, f);
    const out = join(dir, ex);
    // The HTML exactly as the browser receives it, for the raw print.
    await timed(process.execPath, [CLI, 'build', yaml, '-o', out, '-f'], { ITA_REPORT_KEEP_HTML: '1' });
    const html = join(out, f.replace(/\.ya?ml$/, '.html'));
    const ita = [];
    const raw = [];
    const ratios = [];
    for (let r = 0; r < RUNS; r++) {
      const a = await timed(process.execPath, [CLI, 'build', yaml, '-o', out, '-f']);
      const b = await timed(process.execPath, [RAW, html, join(out, 'raw.pdf'), dirname(yaml)]);
      ita.push(a);
      raw.push(b);
      ratios.push(a / b);
    }
    console.log(`${`${ex}/${f}`.padEnd(34)} ${secs(median(ita)).padStart(10)} ${secs(median(raw)).padStart(8)} ${`${median(ratios).toFixed(2)}x`.padStart(7)}`);
  }
  const plan = join(ROOT, 'examples/lampang-pao/plan-2566-2570.yaml');
  const validate = [];
  const bare = [];
  for (let r = 0; r < RUNS; r++) {
    validate.push(await timed(process.execPath, [CLI, 'validate', plan]));
    bare.push(await timed(process.execPath, ['-e', '0']));
  }
  console.log(`validate of the plan: ${secs(median(validate))} (a bare Node start: ${secs(median(bare))}; target < 0.30 s)`);
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------
// 3. A batch of distinct documents.

/**
 * Copy `i` of an example: every name, measure and project gets the copy's number, amounts
 * and scores move a little, so line breaks, pages and totals differ from document to document.
 */
function vary(text, i) {
  const doc = parseDocument(text);
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value;
      if (!isScalar(value)) return;
      // A progress report names the plan's projects (`project:`): both get the same suffix.
      if (['name', 'measure', 'project'].includes(key) && typeof value.value === 'string') value.value = `${value.value} (ชุดที่ ${i + 1})`;
      else if (/^25\d\d$/.test(key) && typeof value.value === 'number') value.value = Math.round((value.value * (1 + (i % 9) / 10)) / 100) * 100;
      else if (key === 'score' && typeof value.value === 'number') value.value = Math.max(0, Math.round((value.value - (i % 5) * 1.5) * 100) / 100);
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** N documents, round-robin over the examples, each in a copy of its example folder (siblings may be linked). */
function makeCorpus() {
  const dir = mkdtempSync(join(tmpdir(), 'ita-bench-'));
  const docs = examples();
  const inputs = [];
  for (let i = 0; i < N; i++) {
    const [ex, f] = docs[i % docs.length];
    const target = join(dir, String(i).padStart(4, '0'), ex);
    cpSync(join(ROOT, 'examples', ex), target, { recursive: true });
    for (const y of readdirSync(target).filter((n) => /\.ya?ml$/.test(n))) writeFileSync(join(target, y), vary(readFileSync(join(target, y), 'utf8'), i));
    inputs.push({ file: join(target, f), relativeOutput: join(String(i).padStart(4, '0'), ex, f.replace(/\.ya?ml$/, '.pdf')) });
  }
  return { dir, inputs };
}

/**
 * Peak memory of this process and every browser it started, together, and the CPU time they
 * used (Linux /proc; a browser's CPU is read from its processes while they run, sampled every
 * 100 ms). Memory is each process's own pages (USS) plus the pages they share counted once
 * (the largest share of one of them): the proportional set size would count a share of the
 * libraries other programs' Chromium processes map too, so it changes with what else runs.
 * CPU time is what a loaded machine does not blur.
 */
function sampler() {
  let peak = { node: 0, browser: 0 };
  const cpu = new Map();
  const tick = Number(process.env.CLK_TCK ?? 100);
  const startNode = process.cpuUsage();
  const cpuOf = (pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(f[11]) + Number(f[12])) / tick) * 1000;
    } catch {
      return undefined;
    }
  };
  const children = (pid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const tree = (pid) => [pid, ...children(pid).flatMap(tree)];
  const timer = setInterval(() => {
    const browsers = children(process.pid).flatMap(tree);
    for (const p of browsers) {
      const c = cpuOf(p);
      if (c !== undefined) cpu.set(p, Math.max(cpu.get(p) ?? 0, c));
    }
    const [node, nodeShared] = memoryOf(process.pid);
    const others = browsers.map(memoryOf);
    const browser = others.reduce((a, [own]) => a + own, 0) + Math.max(nodeShared, ...others.map(([, shared]) => shared));
    if (node + browser > peak.node + peak.browser) peak = { node, browser };
  }, 100);
  return () => {
    clearInterval(timer);
    const used = process.cpuUsage(startNode);
    const nodeCpu = (used.user + used.system) / 1000;
    return { ...peak, nodeCpu, cpu: nodeCpu + [...cpu.values()].reduce((a, b) => a + b, 0) };
  };
}

async function pool(items, jobs, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: jobs }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

async function batch() {
  const { dir, inputs } = makeCorpus();
  console.log(`\nbatch: ${inputs.length} distinct documents (the examples, names and figures varied) in ${dir}, --jobs ${JOBS}`);

  // ita-report: one browser, a bounded pool, everything the real build does.
  let stop = sampler();
  let t0 = performance.now();
  const outcomes = await runBatch(inputs, { jobs: JOBS, force: true, outDir: join(dir, 'out-ita') });
  const itaMs = performance.now() - t0;
  const itaMem = stop();
  const pages = outcomes.reduce((a, o) => a + (o.pages ?? 0), 0);
  const failed = outcomes.filter((o) => o.status !== 'built');
  if (failed.length) console.log(`warning: ${failed.length} documents did not build: ${failed[0].input}: ${failed[0].diagnostics[0]?.message.en}`);

  // naive: a new browser per document, same pool size.
  let naiveMs = 0;
  let naiveMem;
  if (!flag('--skip-naive')) {
    stop = sampler();
    t0 = performance.now();
    await pool(inputs, JOBS, async (input) => {
      const printer = await Printer.launch();
      try {
        await buildDocument(input.file, printer, { output: join(dir, 'out-naive', `${relative(dir, input.file)}.pdf`) });
      } finally {
        await printer.close();
      }
    });
    naiveMs = performance.now() - t0;
    naiveMem = stop();
  }

  // raw Chromium: the final HTML of each document, printed once, nothing else.
  const htmls = [];
  for (const input of inputs) {
    const d = await deriveDocument(input.file);
    if (d.derived) htmls.push(await renderHtml(d.kind.name, d.derived));
  }
  // The browser starts inside the measured time, as ita-report's does.
  stop = sampler();
  t0 = performance.now();
  const browser = await launchRaw();
  await pool(htmls, JOBS, (html) => printRaw(browser, html));
  const rawMs = performance.now() - t0;
  const rawMem = stop();
  await browser.close();

  const row = (name, ms, mem) =>
    `${name.padEnd(12)} ${(ms / 1000).toFixed(1).padStart(7)} s ${(inputs.length / (ms / 1000)).toFixed(2).padStart(7)} docs/s ${(pages / (ms / 1000)).toFixed(1).padStart(8)} pages/s   CPU ${(mem.cpu / 1000).toFixed(1)} s (node ${(mem.nodeCpu / 1000).toFixed(1)} s)   peak memory: ${mb(mem.node + mem.browser)} (node ${mb(mem.node)}, chromium ${mb(mem.browser)})`;
  console.log(`${inputs.length} documents, ${pages} pages`);
  console.log(row('ita-report', itaMs, itaMem));
  if (naiveMem) console.log(row('naive', naiveMs, naiveMem));
  console.log(row('raw chromium', rawMs, rawMem));
  if (naiveMem) console.log(`\nthroughput ita-report / naive: ${(naiveMs / itaMs).toFixed(2)}x   (target >= 3x)`);
  console.log(`time ita-report / raw chromium: ${(itaMs / rawMs).toFixed(2)}x   (target <= 1.3x); CPU: ${(itaMem.cpu / rawMem.cpu).toFixed(2)}x`);
  console.log(`peak memory of ita-report, node and chromium together: ${mb(itaMem.node + itaMem.browser)}   (target < 600 MB)`);
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------
// 2. Memory of the command itself on a batch of long plans at the default --jobs.

/** [own, shared] bytes of a process (Linux /proc), [0, 0] once it is gone. */
function memoryOf(pid) {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0) * 1024;
    return [kb('Private_Clean') + kb('Private_Dirty'), kb('Shared_Clean') + kb('Shared_Dirty')];
  } catch {
    return [0, 0];
  }
}

function descendants(pid) {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [pid, ...kids.flatMap(descendants)];
  } catch {
    return [pid];
  }
}

async function twoPlans() {
  const dir = mkdtempSync(join(tmpdir(), 'ita-bench-plans-'));
  for (let i = 0; i < 6; i++) cpSync(join(ROOT, 'examples/lampang-pao'), join(dir, 'in', String(i)), { recursive: true });
  const peaks = [];
  for (let r = 0; r < RUNS; r++) {
    // The CLI as an officer runs it, default --jobs, the plans only (a folder takes every document).
    const child = spawn(process.execPath, [CLI, 'build', `${dir}/in/*/plan-*.yaml`, '-o', join(dir, 'out'), '-f'], { stdio: 'ignore' });
    let peak = 0;
    const timer = setInterval(() => {
      const all = descendants(child.pid).map(memoryOf);
      peak = Math.max(peak, all.reduce((a, [own]) => a + own, 0) + Math.max(...all.map(([, shared]) => shared)));
    }, 100);
    await new Promise((resolve) => child.on('exit', resolve));
    clearInterval(timer);
    peaks.push(peak);
  }
  console.log(`\nmemory of \`ita-report build\` on six copies of the example plan (default --jobs), Node and Chromium together,`);
  console.log(`own pages plus shared pages once, peak of each of ${RUNS} runs: ${peaks.map(mb).join(', ')}; median ${mb(median(peaks))}   (target < 600 MB)`);
  rmSync(dir, { recursive: true, force: true });
}

if (!flag('--skip-cold')) await cold();
if (!flag('--skip-memory')) await twoPlans();
if (!flag('--skip-batch')) await batch();
