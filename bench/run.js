#!/usr/bin/env node
// npm run bench [-- --docs N] — measures ita-report against, in the same run,
//   naive: a new browser for every document (what a simple script does), and
//   raw:   Chromium printing the already-rendered HTML once per document (the floor).
// Reports documents/s, pages/s and peak memory, and the ratios. Not a test: numbers vary by machine.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import puppeteer from 'puppeteer-core';
import { runBatch } from '../dist/batch/run.js';
import { deriveDocument, renderHtml, buildDocument } from '../dist/pipeline.js';
import { Printer } from '../dist/print/printer.js';
import { findBrowser } from '../dist/print/browser.js';
import { FONT_DIR, TEMPLATE_DIR } from '../dist/paths.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const N = Number(arg('--docs', process.env.BENCH_DOCS ?? '100'));
const JOBS = Number(arg('--jobs', '2'));
const ROOT = new URL('..', import.meta.url).pathname;

/** N documents, round-robin over the examples, each copy in its own folder with the example's siblings. */
function makeCorpus() {
  const dir = mkdtempSync(join(tmpdir(), 'ita-bench-'));
  const examples = readdirSync(join(ROOT, 'examples'), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'ci').map((d) => d.name);
  const docs = [];
  const inputs = [];
  for (const ex of examples) for (const f of readdirSync(join(ROOT, 'examples', ex))) if (/\.ya?ml$/.test(f) && /^kind:/m.test(readFileSync(join(ROOT, 'examples', ex, f), 'utf8'))) docs.push([ex, f]);
  for (let i = 0; i < N; i++) {
    const [ex, f] = docs[i % docs.length];
    const target = join(dir, String(i).padStart(4, '0'));
    // The whole example folder is copied (a document may link to its siblings); only `f` is built.
    cpSync(join(ROOT, 'examples', ex), join(target, ex), { recursive: true });
    inputs.push({ file: join(target, ex, f), relativeOutput: join(String(i).padStart(4, '0'), ex, f.replace(/\.ya?ml$/, '.pdf')) });
  }
  return { dir, inputs };
}

/** Peak memory (PSS) of this process and of every browser process it started (Linux /proc). */
function memorySampler() {
  let peakBrowser = 0;
  const rssOf = (pid) => {
    try {
      // Proportional set size: memory shared between Chromium's processes is counted once.
      return Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))[1]) * 1024;
    } catch {
      return 0;
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
    const browsers = children(process.pid);
    const total = browsers.flatMap(tree).reduce((a, p) => a + rssOf(p), 0);
    peakBrowser = Math.max(peakBrowser, total);
  }, 100);
  return () => {
    clearInterval(timer);
    return { node: process.resourceUsage().maxRSS * 1024, browser: peakBrowser };
  };
}

async function pool(items, jobs, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: jobs }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;

const { dir, inputs } = makeCorpus();
console.log(`corpus: ${inputs.length} documents (${N} requested) in ${dir}, --jobs ${JOBS}`);

// 1. ita-report: one browser, a bounded pool, everything the real build does.
let stop = memorySampler();
let t0 = performance.now();
const outcomes = await runBatch(inputs, { jobs: JOBS, force: true, outDir: join(dir, 'out-ita') });
const itaMs = performance.now() - t0;
const itaMem = stop();
const pages = outcomes.reduce((a, o) => a + (o.pages ?? 0), 0);
const failed = outcomes.filter((o) => o.status !== 'built');
if (failed.length) console.log(`warning: ${failed.length} documents did not build`, failed[0].diagnostics[0]?.message.en);

// 2. naive: a new browser per document, same pool size (--skip-naive for a quick memory run).
const skipNaive = process.argv.includes('--skip-naive');
stop = memorySampler();
t0 = performance.now();
await pool(skipNaive ? [] : inputs, JOBS, async (input) => {
  const printer = await Printer.launch();
  try {
    await buildDocument(input.file, printer, { output: join(dir, 'out-naive', relative(dir, input.file) + '.pdf') });
  } finally {
    await printer.close();
  }
});
const naiveMs = performance.now() - t0;
const naiveMem = stop();

// 3. raw Chromium: the final HTML of each document, printed once, nothing else.
const htmls = [];
for (const input of inputs) {
  const d = await deriveDocument(input.file);
  htmls.push(renderHtml(d.kind.name, d.derived));
}
const browser = await puppeteer.launch({ executablePath: (await findBrowser()).path, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const fontCss = ['400', '400-italic', '700', '700-italic'].map((w) => readFileSync(join(FONT_DIR, `${w}.css`), 'utf8').replaceAll('./files/', '/fonts/files/')).join('\n');
t0 = performance.now();
await pool(htmls.map((h, i) => [h, i]), JOBS, async ([html]) => {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path === '/document.html') return req.respond({ status: 200, contentType: 'text/html', body: html });
    if (path === '/fonts/sarabun.css') return req.respond({ status: 200, contentType: 'text/css', body: fontCss });
    if (path.startsWith('/fonts/files/')) return req.respond({ status: 200, body: readFileSync(join(FONT_DIR, 'files', path.slice(13))) });
    if (path.startsWith('/assets/')) {
      try {
        return req.respond({ status: 200, contentType: 'text/css', body: readFileSync(join(TEMPLATE_DIR, path.slice(8))) });
      } catch {
        return req.respond({ status: 404, body: '' });
      }
    }
    return req.respond({ status: 404, body: '' });
  });
  await page.goto('http://ita-report.invalid/document.html', { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
  await page.close();
});
const rawMs = performance.now() - t0;
await browser.close();

const row = (name, ms, mem) => `${name.padEnd(12)} ${(ms / 1000).toFixed(1).padStart(7)} s ${(inputs.length / (ms / 1000)).toFixed(2).padStart(7)} docs/s ${(pages / (ms / 1000)).toFixed(1).padStart(8)} pages/s${mem ? `   peak memory: node ${mb(mem.node)} RSS, browser ${mb(mem.browser)} PSS` : ''}`;
console.log(`\n${inputs.length} documents, ${pages} pages`);
console.log(row('ita-report', itaMs, itaMem));
if (!skipNaive) console.log(row('naive', naiveMs, naiveMem));
console.log(row('raw chromium', rawMs));
if (!skipNaive) console.log(`\nthroughput ita-report / naive: ${(naiveMs / itaMs).toFixed(2)}x   (target >= 3x)`);
console.log(`time ita-report / raw chromium: ${(itaMs / rawMs).toFixed(2)}x   (target <= 1.3x)`);
console.log(`peak memory ita-report (node RSS + browser PSS): ${mb(itaMem.node + itaMem.browser)}   (target < 600 MB at 200 documents)`);
rmSync(dir, { recursive: true, force: true });
