/**
 * `ita-report preview FILE`, used as an officer would: a web browser (Chromium) opens the
 * page, the YAML is changed, the page reloads itself and the PDF it shows is the new one,
 * at the page the officer was reading; the page's own text is set in the bundled Sarabun.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { pdftotext, ROOT, tempDir } from '../helpers.js';
import { CliProcess } from '../child.js';

const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let running: CliProcess | undefined;
let browser: Browser | undefined;
afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await running?.interrupt();
  running = undefined;
});

/** The PDF the page's server serves now, as the page itself fetches it; its text by pdftotext. */
async function servedPdfText(page: Page, dir: string, name: string): Promise<string> {
  const base64 = await page.evaluate(async () => {
    const res = await fetch('/document.pdf', { cache: 'no-store' });
    if (res.headers.get('content-type') !== 'application/pdf') throw new Error(`not a PDF: ${res.status} ${res.headers.get('content-type')}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  const file = join(dir, name);
  const bytes = Buffer.from(base64, 'base64');
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  writeFileSync(file, bytes);
  return pdftotext(file);
}

/**
 * Waits until the page has reloaded itself (its build counter went past `after`) onto a
 * build that satisfies `check`; builds started by something else (another test touching
 * a template) are waited past. Returns the counter the page shows.
 */
async function waitForReload(page: Page, after: number, check: (version: number) => Promise<boolean>, timeoutMs = 90_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let seen = after;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`the page did not reload past build ${after} onto the expected one`);
    await page.waitForFunction((v: number) => Number(document.getElementById('version')?.textContent) > v, { timeout: left, polling: 100 }, seen);
    try {
      seen = Number(await page.$eval('#version', (e) => e.textContent));
      if (await check(seen)) return seen;
    } catch {
      // The page reloaded again while it was being read: look once more.
    }
  }
}

function status(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('ita-report preview', () => {
  it('shows the real PDF and reloads it after each save', async () => {
    const dir = tempDir('preview-');
    const yaml = join(dir, 'plan.yaml');
    writeFileSync(yaml, MINIMAL.replace('โครงการอบรมคุณธรรมจริยธรรม', 'โครงการเครื่องหมายหนึ่ง'));
    const proc = (running = new CliProcess(['preview', '--no-open', '--port', '0', 'plan.yaml'], { cwd: dir }));
    const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec((await proc.waitFor(/ดูตัวอย่าง PDF ได้ที่ http:\/\/127\.0\.0\.1:\d+\//)).text)![1]!;
    const first = await proc.waitFor(/✓ plan\.yaml → .*document\.pdf/);

    browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const pdfRequests: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/document.pdf') pdfRequests.push(r.url());
    });
    await page.setViewport({ width: 900, height: 700 });
    await page.goto(url, { waitUntil: 'load' });
    // Build 1, unless a template touched by another test has already caused another.
    const one = Number(await page.$eval('#version', (e) => e.textContent));
    expect(one).toBeGreaterThanOrEqual(1);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.$eval('#viewer', (e) => (e as HTMLElement).dataset.pdf)).toBe(`/document.pdf?v=${one}`);
    expect(await servedPdfText(page, dir, 'one.pdf')).toContain('โครงการเครื่องหมายหนึ่ง');
    // Every page of the PDF is there, and the pages in view are drawn.
    const pages = Number(await page.$eval('#pages', (e) => e.textContent));
    expect(pages).toBeGreaterThan(3);
    expect(await page.$$eval('#viewer .page', (list) => list.length)).toBe(pages);
    await page.waitForSelector('#viewer .page[data-page="1"][data-drawn="true"]');
    // The page's own Thai text is in Sarabun, served with the tool (no Thai font needed on the computer).
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => [...document.fonts].filter((f) => f.family === 'Sarabun' && f.status === 'loaded').length)).toBeGreaterThan(0);

    // The officer reads page 3, then saves a change: the page reloads by itself, shows the new PDF, still at page 3.
    await page.$eval('#viewer .page[data-page="3"]', (e) => e.scrollIntoView());
    await page.waitForFunction(() => document.body.dataset.page === '3');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('โครงการเครื่องหมายหนึ่ง', 'โครงการเครื่องหมายสอง'));
    const two = await waitForReload(page, one, async () => (await servedPdfText(page, dir, 'two.pdf')).includes('โครงการเครื่องหมายสอง'));
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.$eval('#viewer', (e) => (e as HTMLElement).dataset.pdf)).toBe(`/document.pdf?v=${two}`);
    expect(pdfRequests.some((u) => u.includes(`v=${two}`))).toBe(true);
    expect(await page.evaluate(() => document.body.dataset.page)).toBe('3');
    expect(await page.$eval('#page', (e) => e.textContent)).toBe('3');
    await page.waitForSelector('#viewer .page[data-page="3"][data-drawn="true"]');

    // A broken save: the page lists the problem at its line and keeps showing the last good PDF.
    const good = readFileSync(yaml, 'utf8');
    writeFileSync(yaml, good.replace('  from: 2566', '  from: สองห้าหกหก'));
    const line = good.split('\n').findIndex((l) => l === '  from: 2566') + 1;
    const problem = new RegExp(`plan\\.yaml:${line}:9: ข้อผิดพลาด: ค่าต้องเป็นจำนวนเต็ม`);
    const three = await waitForReload(page, two, async () => problem.test((await page.$eval('.problems', (e) => e.textContent).catch(() => '')) ?? ''));
    expect(await page.$eval('#status', (e) => e.textContent)).toContain('ฉบับก่อนหน้า');
    expect(await servedPdfText(page, dir, 'three.pdf')).toContain('โครงการเครื่องหมายสอง');

    // Fixed: the new PDF again, and no problem listed.
    writeFileSync(yaml, good.replace('โครงการเครื่องหมายสอง', 'โครงการเครื่องหมายสาม'));
    await waitForReload(page, three, async () => (await servedPdfText(page, dir, 'four.pdf')).includes('โครงการเครื่องหมายสาม'));
    expect(await page.$('.problems')).toBeNull();

    // Only this computer, by its own name, may read the preview.
    const port = new URL(url).port;
    expect(await status(url, `127.0.0.1:${port}`)).toBe(200);
    expect(await status(url, `localhost:${port}`)).toBe(200);
    expect(await status(url, `attacker.example:${port}`)).toBe(403);
    expect(first.text).toBeTruthy();

    await browser.close();
    browser = undefined;
    expect(await proc.interrupt()).toBe(0);
  });
});
