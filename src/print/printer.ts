/**
 * HTML → PDF with headless Chromium. One browser per process, a fresh page per
 * document. The page can load only the tool's own files (fonts, stylesheets) and
 * files next to the YAML; every other request is blocked, so printing a document
 * never touches the network.
 */
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { bi, UserError, type Diagnostic } from '../diagnostics.js';
import { FONT_DIR, TEMPLATE_DIR } from '../paths.js';
import type { DocumentMeta } from '../kinds/kind.js';
import type { DigitStyle } from '../thai/index.js';
import { findBrowser } from './browser.js';
import { readLimited } from '../load/files.js';
import { LIMITS } from '../load/limits.js';
import { finishPdf, loadPdf, readOutline, type OutlineEntry } from './pdf.js';
import type { PDFDocument } from 'pdf-lib';
import { printWithContinuedTables } from './continued.js';

/** A made-up origin: requests to it are answered from memory, never from a network. */
const ORIGIN = 'http://ita-report.invalid';

/** Flags that keep Chromium from stalling on a closed network or a locked-down machine. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--font-render-hinting=none',
];

const FONT_WEIGHTS = ['400', '400-italic', '700', '700-italic'];

export interface PrintJob {
  /** The YAML file, for diagnostics. */
  file: string;
  html: string;
  meta: DocumentMeta;
  digits: DigitStyle;
  kind: string;
  /** Folder of the YAML file: images it names are relative to it. */
  baseDir: string;
  /** The document's root folder (files.ts): an image is loaded only from inside it, and only a regular file of at most LIMITS.imageBytes. */
  root: string;
  /** Fixed creation/modification date of the PDF (reproducible builds). */
  date: Date;
  producer: string;
}

export interface PrintResult {
  pdf: Uint8Array;
  pages: number;
  warnings: Diagnostic[];
  /** Files next to the YAML that the document loaded (images): inputs of an incremental build. */
  loadedFiles: string[];
}

/** A document that took longer than the time limit; the browser may be hung. */
export class PrintTimeoutError extends Error {}

export interface PrinterOptions {
  browserPath?: string;
  /** Milliseconds for one document's printing before it is given up. */
  timeout?: number;
  /** Let puppeteer kill the browser and exit on Ctrl+C (default); --watch handles the signals itself. */
  handleSignals?: boolean;
}

function fontStylesheet(): string {
  return FONT_WEIGHTS.map((w) => readFileSync(join(FONT_DIR, `${w}.css`), 'utf8').replaceAll('./files/', '/fonts/files/')).join('\n');
}

export class Printer {
  private readonly fontCss = fontStylesheet();
  private readonly fileCache = new Map<string, Buffer>();
  private readonly glyphs = new GlyphProbe(this.fontCss);
  private readonly idlePages = new WeakMap<Browser, Page[]>();
  private readonly pageJobs = new WeakMap<Page, { job: PrintJob; blocked: string[]; loaded: string[] }>();
  private navigations = 0;

  private relaunching: Promise<void> | undefined;

  private constructor(
    private browser: Browser,
    private readonly launchBrowser: () => Promise<Browser>,
    private readonly timeout: number,
  ) {}

  static async launch(opts: PrinterOptions = {}): Promise<Printer> {
    const choice = await findBrowser(opts.browserPath);
    const launchBrowser = async () => {
      try {
        return await puppeteer.launch({
          executablePath: choice.path,
          headless: true,
          args: CHROMIUM_ARGS,
          handleSIGINT: opts.handleSignals ?? true,
          handleSIGTERM: opts.handleSignals ?? true,
          handleSIGHUP: opts.handleSignals ?? true,
          protocolTimeout: (opts.timeout ?? 120_000) + 30_000,
        });
      } catch (err) {
        throw new UserError([
          {
            severity: 'error', code: 'browser/launch', file: choice.path, line: 0, column: 0, path: [],
            message: bi(`เปิดเบราว์เซอร์ไม่สำเร็จ: ${(err as Error).message.split('\n')[0]}`, `the browser failed to start: ${(err as Error).message.split('\n')[0]}`),
            hint: bi('ตรวจว่าเบราว์เซอร์ทำงานได้ หรือระบุตัวอื่นด้วย --browser', 'check that the browser runs, or choose another with --browser'),
          },
        ]);
      }
    };
    return new Printer(await launchBrowser(), launchBrowser, opts.timeout ?? 120_000);
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }

  /** The browser's process id (tests kill it to check recovery). */
  get pid(): number | undefined {
    return this.browser.process()?.pid;
  }

  get connected(): boolean {
    return this.browser.connected;
  }

  /**
   * Replaces a crashed or hung browser with a new one. Concurrent callers share
   * one relaunch; documents still printing on the old browser fail and are retried.
   */
  async restart(): Promise<void> {
    this.relaunching ??= (async () => {
      const old = this.browser;
      this.browser = await this.launchBrowser();
      old.process()?.kill('SIGKILL');
      await old.close().catch(() => undefined);
    })().finally(() => {
      this.relaunching = undefined;
    });
    return this.relaunching;
  }

  /** Forgets the stylesheets read so far (--watch, after a template changed). */
  forgetFiles(): void {
    this.fileCache.clear();
  }

  private async ownFile(path: string): Promise<Buffer | undefined> {
    let data = this.fileCache.get(path);
    if (!data) {
      data = await readFile(path).catch(() => undefined);
      if (data) this.fileCache.set(path, data);
    }
    return data;
  }

  /** Answers the page's requests from the tool's files; everything else is blocked and remembered. */
  private async answer(request: HTTPRequest, job: PrintJob, blocked: string[], loaded: string[]): Promise<void> {
    const url = request.url();
    if (url.startsWith('data:')) return request.continue();
    // Chromium asks for a favicon on its own; that is not the document's doing.
    if (url === `${ORIGIN}/favicon.ico`) return request.respond({ status: 404, body: '' });
    if (!url.startsWith(`${ORIGIN}/`)) {
      blocked.push(url);
      return request.abort('blockedbyclient');
    }
    const path = decodeURIComponent(new URL(url).pathname);
    const send = (body: string | Buffer, contentType: string) => request.respond({ status: 200, contentType, body });
    if (path === '/document.html') return send(job.html, 'text/html; charset=utf-8');
    if (path === '/fonts/sarabun.css') return send(this.fontCss, 'text/css');
    const font = /^\/fonts\/files\/(sarabun-[a-z0-9-]+\.woff2?)$/.exec(path);
    if (font) {
      const data = await this.ownFile(join(FONT_DIR, 'files', font[1]!));
      if (data) return send(data, font[1]!.endsWith('woff2') ? 'font/woff2' : 'font/woff');
    }
    const asset = /^\/assets\/((?:[a-z0-9-]+\/)?[a-z0-9-]+\.css)$/.exec(path);
    if (asset) {
      const data = await this.ownFile(join(TEMPLATE_DIR, asset[1]!));
      return send(data ?? '', 'text/css');
    }
    if (path.startsWith('/files/')) {
      const target = resolve(job.baseDir, path.slice('/files/'.length));
      const read = await readLimited(target, LIMITS.imageBytes, job.root);
      if (read.ok) {
        loaded.push(target);
        return send(read.bytes, contentTypeOf(target));
      }
    }
    blocked.push(url);
    return request.respond({ status: 404, contentType: 'text/plain', body: '' });
  }

  /**
   * Pages are kept and reused for the next document (a new page costs 100–300 ms);
   * navigating to the next document replaces everything the previous one had.
   */
  private async acquirePage(): Promise<Page> {
    const browser = this.browser;
    const idle = this.idlePages.get(browser);
    const reused = idle?.pop();
    if (reused && !reused.isClosed()) return reused;
    const page = await browser.newPage();
    page.setDefaultTimeout(this.timeout);
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const current = this.pageJobs.get(page);
      if (current) void this.answer(req, current.job, current.blocked, current.loaded).catch(() => undefined);
      else void req.abort('blockedbyclient').catch(() => undefined);
    });
    return page;
  }

  private releasePage(page: Page, healthy: boolean): void {
    this.pageJobs.delete(page);
    const browser = page.browser();
    if (healthy && browser === this.browser && browser.connected && !page.isClosed()) {
      const idle = this.idlePages.get(browser) ?? [];
      idle.push(page);
      this.idlePages.set(browser, idle);
    } else void page.close().catch(() => undefined);
  }

  async print(job: PrintJob): Promise<PrintResult> {
    if (this.relaunching) await this.relaunching;
    if (!this.browser.connected) await this.restart();
    const page = await this.acquirePage();
    let timer: NodeJS.Timeout | undefined;
    // A page that never finishes (or a hung browser) must not stall a batch: give up after the time limit.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PrintTimeoutError(`printing took longer than ${Math.round(this.timeout / 1000)} s`)), this.timeout);
    });
    let healthy = false;
    try {
      const result = await Promise.race([this.printOn(page, job), timeout]);
      healthy = true;
      return result;
    } catch (err) {
      // A document's own problem (a missing glyph) leaves the page usable.
      healthy = err instanceof UserError;
      throw err;
    } finally {
      clearTimeout(timer);
      this.releasePage(page, healthy);
    }
  }

  private async printOn(page: Page, job: PrintJob): Promise<PrintResult> {
    const blocked: string[] = [];
    const loaded: string[] = [];
    this.pageJobs.set(page, { job, blocked, loaded });
    const lap = stopwatch();
    await page.goto(`${ORIGIN}/document.html?n=${++this.navigations}`, { waitUntil: 'load', timeout: this.timeout });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    lap('load');
    const missing = await this.glyphs.missing(this.browser, await documentCharacters(page));
    if (missing.length > 0) throw fallbackError(job, missing);
    lap('font check');
    const pdf = await this.printWithToc(page, job);
    lap('print');
    const finished = await finishPdf(pdf, job.meta, job.date, job.producer);
    lap('finish');
    const warnings: Diagnostic[] = blocked.map((url) => ({
      severity: 'warning', code: 'print/blocked-request', file: job.file, line: 0, column: 0, path: [],
      message: bi(`ไม่โหลด ${url} เพราะเอกสารโหลดได้เฉพาะไฟล์ในเครื่อง`, `did not load ${url}: documents may load local files only`),
      hint: bi('ใช้ไฟล์ที่อยู่ในโฟลเดอร์เดียวกับไฟล์ YAML', "use a file in the YAML file's folder"),
    }));
    return { pdf: finished.bytes, pages: finished.pages, warnings, loadedFiles: [...new Set(loaded)] };
  }

  private pdfOnce(page: Page): Promise<Uint8Array> {
    return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: this.timeout });
  }

  /**
   * Chromium has no target-counter(): print once, read from the outline where each
   * heading landed, write those numbers into the contents, print again, and repeat
   * until nothing moves (the numbers' width can in theory push a heading over).
   */
  /**
   * Page numbers of the contents from earlier prints, by the HTML's hash (same content,
   * same layout) and by file (an edit rarely moves a heading). They are only a first
   * guess: the printed outline must confirm them, else the passes go on as usual.
   */
  private readonly tocPages = new Map<string, Record<string, number>>();

  private rememberToc(keys: string[], pages: Record<string, number>): void {
    for (const key of keys) {
      this.tocPages.delete(key);
      this.tocPages.set(key, pages);
    }
    while (this.tocPages.size > 2000) this.tocPages.delete(this.tocPages.keys().next().value!);
  }

  private async fillToc(page: Page, pages: Record<string, number>, digits: DigitStyle): Promise<void> {
    await page.evaluate(
      (entries: [string, number][], thai: boolean) => {
        const toThai = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
        const map = new Map(entries);
        for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-toc-for]'))) {
          const n = map.get(el.dataset.tocFor ?? '');
          el.textContent = n === undefined ? '' : thai ? toThai(String(n)) : String(n);
        }
      },
      Object.entries(pages),
      digits === 'thai',
    );
  }

  /**
   * Chromium has no target-counter(): print, read from the outline where each heading
   * landed, write those numbers into the contents, print again, and repeat until the
   * printed numbers are the ones the outline shows (nothing moved).
   */
  private async printWithToc(page: Page, job: PrintJob): Promise<Uint8Array | PDFDocument> {
    const hasToc = await page.evaluate(() => document.querySelector('[data-toc-for]') !== null);
    if (!hasToc) return printWithContinuedTables(page, () => this.pdfOnce(page));
    const headings = await page.evaluate(() =>
      Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((h) => ({
        id: h.id || h.closest('[id]')?.id || '',
        text: (h.textContent ?? '').replace(/\s+/g, ''),
      })),
    );
    const keys = [`html:${createHash('sha256').update(job.html).digest('hex')}`, `file:${resolve(job.file)}`];
    const guess = this.tocPages.get(keys[0]!) ?? this.tocPages.get(keys[1]!);
    let previous = '';
    if (guess) {
      await this.fillToc(page, guess, job.digits);
      previous = JSON.stringify(guess);
    }
    let pdf = await printWithContinuedTables(page, () => this.pdfOnce(page));
    for (let pass = 0; pass < 4; pass++) {
      const loaded = await loadPdf(pdf);
      const pages = pagesOfHeadings(headings, await readOutline(loaded));
      const signature = JSON.stringify(pages);
      if (signature === previous) {
        this.rememberToc(keys, pages);
        return loaded;
      }
      previous = signature;
      await this.fillToc(page, pages, job.digits);
      pdf = await this.pdfOnce(page);
    }
    throw new UserError([
      {
        severity: 'error', code: 'print/toc-unstable', file: job.file, line: 0, column: 0, path: [],
        message: bi('เลขหน้าในสารบัญไม่คงที่หลังพิมพ์ซ้ำหลายรอบ', 'the table of contents did not settle after several passes'),
        hint: bi('แจ้งผู้พัฒนาพร้อมไฟล์ YAML นี้', 'report this to the developers with the YAML file'),
      },
    ]);
  }
}

/** ITA_REPORT_PROFILE=1 prints how long each printing stage took, to find where time goes. */
function stopwatch(): (stage: string) => void {
  let last = performance.now();
  return (stage) => {
    const now = performance.now();
    if (process.env.ITA_REPORT_PROFILE) process.stderr.write(`  ${stage}: ${Math.round(now - last)} ms\n`);
    last = now;
  };
}

/** Chromium's outline lists the headings in document order; match them up (by text when counts differ). */
function pagesOfHeadings(headings: { id: string; text: string }[], outline: OutlineEntry[]): Record<string, number> {
  const pages: Record<string, number> = {};
  const norm = (s: string) => s.replace(/\s+/g, '');
  if (outline.length === headings.length) {
    headings.forEach((h, i) => {
      if (h.id && pages[h.id] === undefined) pages[h.id] = outline[i]!.page;
    });
    return pages;
  }
  let from = 0;
  for (const h of headings) {
    const at = outline.findIndex((o, i) => i >= from && norm(o.title) === h.text);
    if (at >= 0) {
      if (h.id && pages[h.id] === undefined) pages[h.id] = outline[at]!.page;
      from = at + 1;
    }
  }
  return pages;
}

function contentTypeOf(file: string): string {
  const ext = file.toLowerCase().split('.').pop();
  return ({ png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', svg: 'image/svg+xml', gif: 'image/gif', webp: 'image/webp' } as Record<string, string>)[ext ?? ''] ?? 'application/octet-stream';
}

/** The characters a document shows, including generated ones (page numbers, list markers). */
async function documentCharacters(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const set = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) for (const ch of n.textContent ?? '') set.add(ch);
    for (const ch of '- ()0123456789๐๑๒๓๔๕๖๗๘๙') set.add(ch);
    return [...set].filter((c) => !/\s/.test(c));
  });
}

/**
 * If Sarabun lacks a glyph, Chromium silently draws it with another font. A small
 * probe page, kept open for the life of the browser, asks Chromium which fonts it
 * uses for characters not checked before; the answer is remembered, so a batch
 * checks each character once and a big document does not have to be laid out again.
 */
class GlyphProbe {
  private page: Promise<Page> | undefined;
  private browser: Browser | undefined;
  private readonly verified = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly fontCss: string) {}

  private async open(browser: Browser): Promise<Page> {
    if (this.browser !== browser || !this.page) {
      this.browser = browser;
      this.page = (async () => {
        const page = await browser.newPage();
        await page.setRequestInterception(true);
        const html = `<!doctype html><html lang="th"><head><style>${this.fontCss}</style></head><body><div id="probe" style="font-family:Sarabun;white-space:pre"></div></body></html>`;
        page.on('request', (req) => {
          const path = new URL(req.url()).pathname;
          const font = /^\/fonts\/files\/(sarabun-[a-z0-9-]+\.woff2?)$/.exec(path);
          if (path === '/probe.html') void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
          else if (font) void readFile(join(FONT_DIR, 'files', font[1]!)).then((body) => req.respond({ status: 200, body }), () => req.abort());
          else void req.abort('blockedbyclient');
        });
        await page.goto(`${ORIGIN}/probe.html`, { waitUntil: 'load' });
        return page;
      })();
    }
    return this.page;
  }

  /** Characters among `chars` that Sarabun cannot draw. Calls are serialised: the probe is one element. */
  missing(browser: Browser, chars: string[]): Promise<string[]> {
    const run = async () => {
      const todo = chars.filter((c) => !this.verified.has(c));
      if (todo.length === 0) return [];
      const page = await this.open(browser);
      const client = await page.createCDPSession();
      try {
        await client.send('DOM.enable');
        await client.send('CSS.enable');
        const fontsOf = async (text: string, weight: string): Promise<string[]> => {
          await page.evaluate(
            (t: string, w: string) => {
              const probe = document.getElementById('probe')!;
              probe.style.fontWeight = w;
              probe.textContent = t;
              return document.fonts.ready.then(() => undefined);
            },
            text,
            weight,
          );
          const { root } = await client.send('DOM.getDocument', { depth: 1 });
          const { nodeId } = await client.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#probe' });
          const { fonts } = await client.send('CSS.getPlatformFontsForNode', { nodeId });
          return fonts.filter((f) => f.glyphCount > 0).map((f) => f.familyName);
        };
        const missing = new Set<string>();
        for (const weight of ['400', '700']) {
          if ((await fontsOf(todo.join(''), weight)).every((f) => f === 'Sarabun')) continue;
          // Rare path: find which characters fell back.
          for (const ch of todo) if (!missing.has(ch) && (await fontsOf(ch, weight)).some((f) => f !== 'Sarabun')) missing.add(ch);
        }
        for (const ch of todo) if (!missing.has(ch)) this.verified.add(ch);
        return [...missing];
      } finally {
        await client.detach().catch(() => undefined);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function fallbackError(job: PrintJob, missing: string[]): UserError {
  const list = missing.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
  return new UserError([
    {
      severity: 'error', code: 'print/font-fallback', file: job.file, line: 0, column: 0, path: [],
      message: bi(`ฟอนต์ Sarabun ไม่มีตัวอักษร ${list} จึงจะถูกพิมพ์ด้วยฟอนต์อื่น`, `the Sarabun font has no glyph for ${list}; it would be printed in another font`),
      hint: bi('แทนตัวอักษรนั้นด้วยตัวอักษรไทยหรืออังกฤษทั่วไปในไฟล์ YAML', 'replace those characters in the YAML with ordinary Thai or Latin text'),
    },
  ]);
}
