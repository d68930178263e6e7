#!/usr/bin/env node
// npm run bench:national [-- --authorities N] [--jobs J] [--keep]
//
// A national run, measured. Generates N synthetic authorities laid out as a repository
// would be (reports/2568/<authority>/{authority.yaml, plan, measures, results}; see
// corpus.js: names, numbers and sizes vary, no two documents are identical).
// Then builds them in one run of the CLI, as one CI shard would (`ita-report build
// reports/2568 -o out/2568 --json`), while sampling /proc: RSS of the Node process and
// PSS of its Chromium processes together. Reports documents/s, pages/s, per-document p50
// and p95, peak memory, memory per tenth of the run (growth from the first tenth to the
// last), a rerun with everything up to date (a CI rerun with its cache), validation
// throughput (pull requests), and the estimate for 7,850 × 3 documents on K runners.
// Not a test: the figures depend on the machine and on what else runs on it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { makeCorpus } from './corpus.js';
import { deriveDocument } from '../dist/pipeline.js';
import { expandInputs } from '../dist/batch/inputs.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const AUTHORITIES = Number(arg('--authorities', '20'));
const JOBS = arg('--jobs', undefined);
const KEEP = process.argv.includes('--keep');
const CLI = new URL('../bin/ita-report.js', import.meta.url).pathname;
const YEAR = '2568';
const NATIONAL = 7850 * 3;

// ---------------------------------------------------------------- measuring

/** Every process's parent, from /proc (Chromium starts its helpers from several threads). */
function parents() {
  const map = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      map.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  return map;
}

function kb(file, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(file, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function processType(pid) {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const type = /--type=([a-z-]+)/.exec(cmd)?.[1];
    if (type) return type === 'renderer' ? 'renderers' : type;
    return /chrom/i.test(cmd.split('\0')[0]) ? 'browser' : 'other';
  } catch {
    return 'other';
  }
}

/** Samples the CLI's Node RSS and its descendants' PSS every `ms`. */
function sampler(pid, ms = 250) {
  const samples = [];
  const started = performance.now();
  const timer = setInterval(() => {
    const parent = parents();
    const descendants = [];
    const stack = [pid];
    while (stack.length) {
      const p = stack.pop();
      for (const [child, par] of parent) if (par === p) {
        descendants.push(child);
        stack.push(child);
      }
    }
    const node = kb(`/proc/${pid}/status`, 'VmRSS');
    if (node === 0) return;
    // Chromium's processes by their --type (none: the browser process itself), to tell where a peak is.
    const parts = {};
    for (const p of descendants) parts[processType(p)] = (parts[processType(p)] ?? 0) + kb(`/proc/${p}/smaps_rollup`, 'Pss');
    const browser = Object.values(parts).reduce((a, b) => a + b, 0);
    samples.push({ t: performance.now() - started, node, browser, parts, load: loadavg()[0] });
  }, ms);
  return () => {
    clearInterval(timer);
    return samples;
  };
}

function runCli(args, sample) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.GITHUB_ACTIONS;
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = sample ? sampler(child.pid) : () => [];
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const t0 = performance.now();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - t0, samples: stop() }));
  });
}

const mb = (b) => `${Math.round(b / 1024 / 1024)} MB`;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (list) => quantile([...list].sort((a, b) => a - b), 0.5);
function duration(s) {
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}

// ---------------------------------------------------------------- the run

const dir = mkdtempSync(join(tmpdir(), 'ita-national-'));
const conditions = { cpus: cpus().length, memory: totalmem(), loadBefore: loadavg() };
let t0 = performance.now();
const files = makeCorpus(dir, AUTHORITIES, { year: YEAR });
console.log(`corpus: ${AUTHORITIES} authorities, ${files.length} documents in ${dir} (${secs(performance.now() - t0)} to generate)`);

// Validation, as a pull request does it (in this process, no browser).
t0 = performance.now();
const invalid = [];
for (const f of files) {
  const d = await deriveDocument(f);
  if (d.diagnostics.some((x) => x.severity === 'error')) invalid.push([f, d.diagnostics.find((x) => x.severity === 'error')]);
}
const validateMs = performance.now() - t0;
if (invalid.length > 0) {
  console.error(`${invalid.length} generated documents are invalid, e.g. ${invalid[0][0]}:${invalid[0][1].line}: ${invalid[0][1].message.en}`);
  process.exit(1);
}
const { inputs } = await expandInputs([join(dir, 'reports', YEAR)]);
if (inputs.length !== files.length) throw new Error(`the build would see ${inputs.length} documents, not ${files.length}`);

// The build, as one CI shard runs it.
const buildArgs = ['build', join(dir, 'reports', YEAR), '-o', join(dir, 'out', YEAR), '--json', ...(JOBS ? ['--jobs', JOBS] : [])];
console.log(`building: ita-report ${buildArgs.join(' ')}`);
const build = await runCli(buildArgs, true);
const summary = JSON.parse(build.stdout);
const docs = summary.documents;
const notBuilt = docs.filter((d) => d.status !== 'built');
if (build.code !== 0 || notBuilt.length > 0) {
  console.error(`exit ${build.code}; ${notBuilt.length} documents not built, e.g. ${JSON.stringify(notBuilt[0] ?? build.stderr.slice(0, 500))}`);
  process.exit(1);
}

// A rerun with the output folder kept (a CI rerun with its cache restored): everything up to date.
const rerun = await runCli(buildArgs, false);
const rerunDocs = JSON.parse(rerun.stdout).documents;
const upToDate = rerunDocs.filter((d) => d.status === 'up-to-date').length;
conditions.loadAfter = loadavg();

const pages = docs.reduce((a, d) => a + d.pages, 0);
const times = docs.map((d) => d.ms).sort((a, b) => a - b);
const byKind = {};
for (const d of docs) {
  const kind = /\/(plan|measures|results)-[^/]*$/.exec(d.input)[1];
  (byKind[kind] ??= []).push(d);
}
const perSecond = docs.length / (build.ms / 1000);
const samples = build.samples;
const total = (s) => s.node + s.browser;
const peak = samples.reduce((m, s) => (total(s) > total(m) ? s : m), samples[0]);
const tenths = Array.from({ length: 10 }, (_, i) => samples.filter((s) => s.t >= (build.ms * i) / 10 && s.t < (build.ms * (i + 1)) / 10));
const tenthMedian = tenths.map((list) => (list.length ? median(list.map(total)) : NaN));

console.log(`\n${docs.length} documents, ${pages} pages, built in ${secs(build.ms)} (one process, ${JOBS ? `--jobs ${JOBS}` : 'default --jobs'})`);
console.log(`documents/s ${perSecond.toFixed(2)}   pages/s ${(pages / (build.ms / 1000)).toFixed(1)}`);
console.log(`per document: p50 ${secs(quantile(times, 0.5))}, p95 ${secs(quantile(times, 0.95))}, max ${secs(times.at(-1))}`);
for (const [kind, list] of Object.entries(byKind)) {
  const p = list.map((d) => d.pages).sort((a, b) => a - b);
  const t = list.map((d) => d.ms).sort((a, b) => a - b);
  console.log(`  ${kind.padEnd(9)} ${String(list.length).padStart(4)} documents, pages ${p[0]}–${p.at(-1)} (median ${quantile(p, 0.5)}), time p50 ${secs(quantile(t, 0.5))} p95 ${secs(quantile(t, 0.95))}`);
}
console.log(`peak memory, Node RSS + Chromium PSS together: ${mb(total(peak))} (Node ${mb(peak.node)}, Chromium ${mb(peak.browser)}: ${Object.entries(peak.parts).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${mb(v)}`).join(', ')}); Node alone peaked at ${mb(Math.max(...samples.map((s) => s.node)))}`);
console.log(`memory by tenth of the run (median, Node + Chromium): ${tenthMedian.map((b) => mb(b).replace(' MB', '')).join(' ')} MB`);
console.log(`growth from the first tenth to the last: ${mb(tenthMedian[9] - tenthMedian[0])} (${(((tenthMedian[9] - tenthMedian[0]) / tenthMedian[0]) * 100).toFixed(1)}%)`);
console.log(`rerun with the output folder kept: ${upToDate}/${rerunDocs.length} up to date in ${secs(rerun.ms)}`);
console.log(`validation (no browser, one process): ${(files.length / (validateMs / 1000)).toFixed(1)} documents/s`);
console.log(`\nestimate for ${NATIONAL.toLocaleString('en')} documents (7,850 authorities × 3) on K runners like this one, first build, printing only (add each job's set-up: checkout, npm ci, cache):`);
for (const k of [1, 8, 16, 32, 64, 128, 256]) console.log(`  K = ${String(k).padStart(3)}: ${duration(NATIONAL / k / perSecond)}`);
console.log(`\nconditions: ${conditions.cpus} CPUs, ${mb(conditions.memory)} RAM; load average before ${conditions.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${conditions.loadAfter.map((l) => l.toFixed(2)).join(' ')}; 1-minute load during the build: median ${median(samples.map((s) => s.load)).toFixed(1)}, max ${Math.max(...samples.map((s) => s.load)).toFixed(1)}`);

if (KEEP) console.log(`kept: ${dir}`);
else rmSync(dir, { recursive: true, force: true });
