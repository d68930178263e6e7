/**
 * HTML → PDF with headless Chromium. One browser per process, a fresh page per
 * document. The page can load only the tool's own files (fonts, stylesheets) and
 * files next to the YAML; every other request is blocked, so printing a document
 * never touches the network.
 */
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { bi, UserError, type Bilingual, type Diagnostic } from '../diagnostics.js';
import { FONT_DIR, TEMPLATE_DIR } from '../paths.js';
import type { DocumentMeta } from '../kinds/kind.js';
import type { DigitStyle } from '../thai/index.js';
import { findBrowser } from './browser.js';
import { readLimited } from '../load/files.js';
import { LIMITS } from '../load/limits.js';
import { FontCoverage } from './coverage.js';
import { closeBrowser, removeStaleProfiles, startChromium } from './launch.js';
import { collectGarbage } from '../collect-garbage.js';
import { Turns } from './turns.js';

/** A made-up origin: requests to it are answered from memory, never from a network. */
const ORIGIN = 'http://ita-report.invalid';

const FONT_WEIGHTS = ['400', '400-italic', '700', '700-italic'];

/**
 * Turns in Chromium (turnFor), in characters of HTML: what a document weighs besides its
 * HTML, and the room in the browser for each document printed at once (--jobs). (The example
 * plan, 116 pages, has 386,000 characters; the other examples, 10–22 pages, at most 118,000.)
 */
const DOCUMENT_WEIGHT = 150_000;
const ROOM_PER_JOB = 250_000;

/** Bytes of V8 heap from which a document's end is a time to collect garbage (collect-garbage.ts). */
const GARBAGE_WORTH_COLLECTING = 40 * 1024 * 1024;

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
  /** How many times Chromium printed the document: 1 unless a table was cut for "(ต่อ)" headers. */
  prints: number;
}

/** A document that took longer than the time limit; the browser may be hung. */
export class PrintTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`printing took longer than ${seconds} s (--timeout)`);
  }
}

export interface PrinterOptions {
  browserPath?: string;
  /** Milliseconds for one document's printing before it is given up. */
  timeout?: number;
  /** Where --verbose lines go: which browser, whether its sandbox is on. */
  verbose?: (line: Bilingual) => void;
  /** How many documents the caller prints at once (--jobs): the room in the browser grows with it. */
  jobs?: number;
}

function fontStylesheet(): string {
  return FONT_WEIGHTS.map((w) => readFileSync(join(FONT_DIR, `${w}.css`), 'utf8').replaceAll('./files/', '/fonts/files/')).join('\n');
}

export class Printer {
  private readonly fontCss = fontStylesheet();
  private readonly fileCache = new Map<string, Buffer>();
  private readonly glyphs = new GlyphProbe(this.fontCss);
  private readonly pageJobs = new WeakMap<Page, { job: PrintJob; blocked: string[]; loaded: string[] }>();
  private navigations = 0;

  private relaunching: Promise<void> | undefined;

  private constructor(
    private browser: Browser,
    private readonly launchBrowser: () => Promise<Browser>,
    private readonly timeout: number,
    jobs: number,
  ) {
    this.turns = new Turns(ROOM_PER_JOB * Math.max(1, jobs));
  }

  static async launch(opts: PrinterOptions = {}): Promise<Printer> {
    const choice = await findBrowser(opts.browserPath);
    const say = opts.verbose ?? (() => undefined);
    say(bi(`เบราว์เซอร์: ${choice.path} (พบจาก ${choice.source}) ควบคุมผ่าน pipe ไม่เปิดพอร์ต`, `browser: ${choice.path} (found by ${choice.source}), driven over a pipe, no port open`));
    const timeout = opts.timeout ?? 120_000;
    // Chromium will not start as root with its sandbox.
    let sandbox = process.getuid?.() !== 0;
    if (!sandbox) say(bi('ปิด sandbox ของเบราว์เซอร์ เพราะทำงานในสิทธิ์ root', "the browser's sandbox is off: running as root"));
    await removeStaleProfiles();
    const failed = (err: unknown) =>
      new UserError([
        {
          severity: 'error', code: 'browser/launch', file: choice.path, line: 0, column: 0, path: [],
          message: bi(`เปิดเบราว์เซอร์ไม่สำเร็จ: ${(err as Error).message.split('\n')[0]}`, `the browser failed to start: ${(err as Error).message.split('\n')[0]}`),
          hint: bi('ตรวจว่าเบราว์เซอร์ทำงานได้ หรือระบุตัวอื่นด้วย --browser', 'check that the browser runs, or choose another with --browser'),
        },
      ]);
    const launchBrowser = async (): Promise<Browser> => {
      try {
        return await startChromium(choice, sandbox, timeout + 30_000);
      } catch (err) {
        if (!sandbox) throw failed(err);
        // A container without the kernel features the sandbox needs: print without it.
        sandbox = false;
        say(bi(`ปิด sandbox ของเบราว์เซอร์ เพราะเปิดพร้อม sandbox ไม่ได้ (${(err as Error).message.split('\n')[0]})`, `the browser's sandbox is off: the browser did not start with it (${(err as Error).message.split('\n')[0]})`));
        try {
          return await startChromium(choice, sandbox, timeout + 30_000);
        } catch (again) {
          throw failed(again);
        }
      }
    };
    const browser = await launchBrowser();
    try {
      const printer = new Printer(browser, launchBrowser, timeout, opts.jobs ?? 1);
      printer.openSpare();
      return printer;
    } catch (err) {
      // A browser nobody holds would keep this process alive.
      await closeBrowser(browser);
      throw err;
    }
  }

  private closed = false;
  /**
   * How to make each document printing now give up, called by close(). One per document and
   * dropped when it is done: racing every print against one promise that lives as long as the
   * printer kept each document's result (its PDF) alive until the printer closed, 0.9 MB per
   * document, 1 GB of Node's memory after a national batch of 900.
   */
  private readonly giveUps = new Set<(err: Error) => void>();

  /** Ends the browser for good: a document still printing fails, none is started again. */
  async close(): Promise<void> {
    this.closed = true;
    const closed = new Error('the browser was closed');
    for (const giveUp of this.giveUps) giveUp(closed);
    await this.relaunching?.catch(() => undefined);
    await closeBrowser(this.browser);
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
    if (this.closed) return;
    this.relaunching ??= (async () => {
      const old = this.browser;
      this.browser = await this.launchBrowser();
      await closeBrowser(old);
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
   * A fresh page for every document, closed after it: a reused page keeps in its renderer
   * what earlier documents left there, and on reused pages a batch took Node and Chromium
   * together to 657 MB (bench, 20 varied documents, --jobs 2) against 429 MB with fresh
   * ones. A new page costs 100–300 ms, so the next one is opened as soon as the browser
   * starts and whenever a document is done, while the next document is being rendered.
   */
  private async acquirePage(): Promise<Page> {
    const browser = this.browser;
    const spare = this.spare?.browser === browser ? this.spare.page : undefined;
    this.spare = undefined;
    const page = await spare?.catch(() => undefined);
    return page && !page.isClosed() ? page : this.openPage(browser);
  }

  private spare: { browser: Browser; page: Promise<Page> } | undefined;

  private openSpare(): void {
    if (this.closed || !this.browser.connected || this.spare?.browser === this.browser) return;
    const page = this.openPage(this.browser);
    page.catch(() => undefined);
    this.spare = { browser: this.browser, page };
  }

  private async openPage(browser: Browser): Promise<Page> {
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

  /** Pages already given back: a page is released after its print and again when its job ends. */
  private readonly released = new WeakSet<Page>();

  private releasePage(page: Page): void {
    if (this.released.has(page)) return;
    this.released.add(page);
    this.pageJobs.delete(page);
    void page.close().catch(() => undefined);
    if (this.moreToCome) this.openSpare();
  }

  private moreToCome = true;

  /** No document beyond those already started will be printed: no page is opened ahead any more. */
  lastDocumentsStarted(): void {
    this.moreToCome = false;
  }

  async print(job: PrintJob): Promise<PrintResult> {
    // Waiting for a turn in the browser is not the document's own time: its time limit starts
    // once it has one (behind long plans on a slow machine, a short --timeout would run out).
    const endTurn = await this.turnFor(job);
    try {
      return await this.printInTurn(job, endTurn);
    } finally {
      endTurn();
    }
  }

  private async printInTurn(job: PrintJob, endTurn: () => void): Promise<PrintResult> {
    if (this.relaunching) await this.relaunching;
    if (this.closed) throw new Error('the browser was closed');
    if (!this.browser.connected) await this.restart();
    let page: Page | undefined;
    let timer: NodeJS.Timeout | undefined;
    let giveUp: (err: Error) => void = () => undefined;
    // A page that never finishes (or a hung browser) must not stall a batch: give up after the
    // time limit, or at once when the printer is closed (a call to a killed browser may never return).
    const givenUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PrintTimeoutError(Math.round(this.timeout / 1000))), this.timeout);
      giveUp = reject;
    });
    this.giveUps.add(giveUp);
    if (this.closed) giveUp(new Error('the browser was closed'));
    try {
      const printing = (async () => {
        page = await this.acquirePage();
        return this.printOn(page, job, endTurn);
      })();
      printing.catch(() => undefined);
      return await Promise.race([printing, givenUp]);
    } finally {
      clearTimeout(timer);
      this.giveUps.delete(giveUp);
      if (page) this.releasePage(page);
    }
  }


  private readonly turns: Turns;

  /**
   * How much of Chromium a document takes while it is loaded and printed (its page is closed
   * as soon as it is printed): its HTML, plus what every document costs (a renderer process of
   * its own, its passes and prints). Laid out and printed, a plan of the national corpus (195
   * pages, 634,000 characters) takes its renderer to about 200 MB, a 9-page results report
   * (48,000 characters, two prints) to 120 MB. At --jobs 2 (this machine's default: 2 cores)
   * the room is 500,000: two short documents (results, measures, progress) share the browser,
   * and a plan (60 pages or more) or any other long document has it to itself. More jobs (more
   * cores) give more room: at 4, a plan shares it with short documents. Peak of Node and
   * Chromium together, and time, --jobs 2:
   * - every document sharing: 604–617 MB, 114–118 s (national corpus, 60 authorities);
   * - capacity 650,000 (a plan of up to about 80 pages beside a short document): 546 MB, 124 s
   *   on 60 authorities, but 596 MB on 300 (595 s): no margin left;
   * - this: 545–547 MB, 133–137 s on 60 authorities; 534–566 MB on 300 (702 s).
   * Holding back only the print of a long document (as before) left two layouts alive.
   */
  private turnFor(job: PrintJob): Promise<() => void> {
    return this.turns.take(DOCUMENT_WEIGHT + job.html.length);
  }

  /** `endTurn` is called as soon as the document is printed: what is left is Node's work. */
  private async printOn(page: Page, job: PrintJob, endTurn: () => void): Promise<PrintResult> {
    const blocked: string[] = [];
    const loaded: string[] = [];
    this.pageJobs.set(page, { job, blocked, loaded });
    const lap = stopwatch();
    // The glyph check needs only the text: it runs (when it needs Chromium, on its own page) while this one loads and prints.
    const glyphCheck = this.glyphs.missing(this.browser, textCharacters(job.html));
    glyphCheck.catch(() => undefined);
    // pdf-lib and the passes are loaded while the page loads (the first document waits on Chromium then).
    const passes = Promise.all([import('./toc.js'), import('./pdf.js')]);
    passes.catch(() => undefined);
    let pdf: Awaited<ReturnType<typeof import('./toc.js').printDocument>>;
    let prints = 0;
    try {
      await page.goto(`${ORIGIN}/document.html?n=${++this.navigations}`, { waitUntil: 'load', timeout: this.timeout });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      lap('load');
      const [{ printDocument }] = await passes;
      pdf = await printDocument(page, job, () => {
        prints += 1;
        return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: this.timeout });
      });
    } finally {
      // Printed: the renderer's memory of this document goes back before it is finished.
      this.releasePage(page);
      endTurn();
    }
    lap(`print (${prints} ${prints === 1 ? 'print' : 'prints'})`);
    const missing = await glyphCheck;
    if (missing.length > 0) throw fallbackError(job, missing);
    lap('font check');
    const [, { finishPdf }] = await passes;
    const finished = await finishPdf(pdf, job.meta, job.date, job.producer);
    // A long document leaves tens of MB of garbage (its HTML, Chromium's PDF, pdf-lib's objects),
    // and so do a few short ones; the heap of Node itself, its modules loaded, is about 12 MB.
    collectGarbage(GARBAGE_WORTH_COLLECTING);
    lap('finish');
    const warnings: Diagnostic[] = blocked.map((url) => ({
      severity: 'warning', code: 'print/blocked-request', file: job.file, line: 0, column: 0, path: [],
      message: bi(`ไม่โหลด ${url} เพราะเอกสารโหลดได้เฉพาะไฟล์ในเครื่อง`, `did not load ${url}: documents may load local files only`),
      hint: bi('ใช้ไฟล์ที่อยู่ในโฟลเดอร์เดียวกับไฟล์ YAML', "use a file in the YAML file's folder"),
    }));
    return { pdf: finished.bytes, pages: finished.pages, warnings, loadedFiles: [...new Set(loaded)], prints };
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

function contentTypeOf(file: string): string {
  const ext = file.toLowerCase().split('.').pop();
  return ({ png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', svg: 'image/svg+xml', gif: 'image/gif', webp: 'image/webp' } as Record<string, string>)[ext ?? ''] ?? 'application/octet-stream';
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The characters a document shows, read from its HTML (the text of the body, entities
 * decoded), plus those the printing adds (page numbers, list markers, "(ต่อ)").
 */
function textCharacters(html: string): string[] {
  const body = html.slice(Math.max(0, html.search(/<body[\s>]/i)));
  const text = body
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) =>
      name[0] === '#' ? String.fromCodePoint(parseInt(name.slice(name[1] === 'x' || name[1] === 'X' ? 2 : 1), name[1] === 'x' || name[1] === 'X' ? 16 : 10)) : (ENTITIES[name.toLowerCase()] ?? whole),
    );
  const set = new Set<string>([...'- ()0123456789๐๑๒๓๔๕๖๗๘๙ต่อ']);
  for (const ch of text) set.add(ch);
  return [...set].filter((c) => !/\s/.test(c));
}

/**
 * If Sarabun lacks a glyph, Chromium silently draws it with another font. The font files
 * say which characters Sarabun draws (coverage.ts); about any other character a small
 * probe page, kept open for the life of the browser, asks Chromium which fonts it uses,
 * and Chromium's answer is what counts. Answers are remembered, so a batch checks each
 * character once, and the usual document (every character in Sarabun) opens no probe.
 */
/** The weights documents print in (regular and bold). */
const PROBE_WEIGHTS = ['400', '700'];

class GlyphProbe {
  private page: Promise<Page> | undefined;
  private browser: Browser | undefined;
  private readonly verified = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly coverage: FontCoverage;

  constructor(private readonly fontCss: string) {
    this.coverage = new FontCoverage(fontCss, FONT_DIR);
  }

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
    for (const c of chars) if (!this.verified.has(c) && PROBE_WEIGHTS.every((w) => this.coverage.covers(c, w))) this.verified.add(c);
    if (chars.every((c) => this.verified.has(c))) return Promise.resolve([]);
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
        for (const weight of PROBE_WEIGHTS) {
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
