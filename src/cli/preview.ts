/**
 * `ita-report preview FILE [--port N]`: the real PDF in a web page on this computer
 * (http://127.0.0.1:PORT/), rebuilt whenever the YAML or a file it refers to changes,
 * and the page reloads itself after each rebuild (Server-Sent Events, with a version
 * check on every reconnection). The officer looks at the PDF that will be published,
 * not an HTML approximation of it. The page also lists the problems of the last save;
 * the last good PDF stays on screen until the file is fixed.
 *
 * The PDF is drawn by PDF.js (pdfjs-dist) rather than the browser's own viewer, which
 * starts again at page 1 on every reload and tells the page nothing about where the officer
 * was: the page remembers the page and the place in it, and comes back there after a save.
 * The page's own text uses the bundled Sarabun (a computer without a Thai font shows boxes).
 *
 * The server listens on 127.0.0.1 only and answers only requests addressed to it by
 * that name or "localhost" (a web page elsewhere cannot read the preview through DNS tricks).
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { formatDiagnostic, sortDiagnostics, type Diagnostic, type Lang } from '../diagnostics.js';
import { outcomeLine } from './progress.js';
import { display } from './report.js';
import { FONT_DIR } from '../paths.js';
import { parseTimeout, timeoutUsage, verboseWriter } from './build.js';
import { runUntilStopped, WatchSession, type WatchBuild } from './watch.js';

export const DEFAULT_PREVIEW_PORT = 7878;

/** The browser build of PDF.js, served to the page from the installed package. */
const PDFJS_DIR = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'build');
const PDFJS_FILES = new Set(['pdf.min.mjs', 'pdf.worker.min.mjs']);
/** The Sarabun files the page's text may need (Thai and Latin letters, regular and bold). */
const FONT_FILE = /^sarabun-(thai|latin)-(400|700)-normal\.woff2$/;

export interface PreviewOptions {
  port?: string;
  browser?: string;
  timeout?: string;
  /** Open the page in the computer's web browser (default: yes). */
  open?: boolean;
  verbose?: boolean;
  /** --root: the folder the document may read from (load/files.ts). */
  root?: string;
}

interface State {
  version: number;
  ok: boolean;
  /** Whether a PDF exists to show (the last good one). */
  hasPdf: boolean;
  line: string;
  diagnostics: string[];
  builtAt: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(file: string, state: State, lang: Lang): string {
  const th = lang === 'th';
  const status = state.version === 0
    ? (th ? 'กำลังสร้าง PDF…' : 'building the PDF…')
    : state.line;
  const problems = state.diagnostics.length > 0
    ? `<pre class="problems">${escapeHtml(state.diagnostics.join('\n'))}</pre>`
    : '';
  const viewer = state.hasPdf
    ? `<main id="viewer" data-pdf="/document.pdf?v=${state.version}" tabindex="0"></main>`
    : `<p class="empty">${th ? 'ยังไม่มี PDF: แก้ข้อผิดพลาดด้านบนแล้วบันทึกไฟล์' : 'no PDF yet: fix the problems above and save the file'}</p>`;
  const fontFace = (weight: number) => ['thai', 'latin'].map((subset) => `@font-face { font-family: Sarabun; font-weight: ${weight}; src: url(/fonts/sarabun-${subset}-${weight}-normal.woff2) format("woff2"); unicode-range: ${subset === 'thai' ? 'U+0E01-0E5B, U+200C-200D, U+25CC' : 'U+0000-00FF, U+2000-206F'}; }`).join('\n  ');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(basename(file))} — ita-report preview</title>
<style>
  ${fontFace(400)}
  ${fontFace(700)}
  html, body { margin: 0; height: 100%; font-family: Sarabun, sans-serif; }
  body { display: flex; flex-direction: column; }
  header { padding: 6px 12px; background: ${state.ok || state.version === 0 ? '#e8f3e8' : '#fbe9e7'}; border-bottom: 1px solid #ccc; font-size: 15px; }
  header .file { font-weight: bold; }
  header .version { color: #666; float: right; }
  .problems { margin: 6px 0 0; padding: 6px; background: #fff; border: 1px solid #e0b4b4; max-height: 30vh; overflow: auto; white-space: pre-wrap; font-size: 14px; }
  #viewer { flex: 1; overflow: auto; background: #777; padding: 8px 0; position: relative; }
  #viewer .page { position: relative; margin: 0 auto 8px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.4); }
  #viewer canvas { display: block; width: 100%; height: 100%; }
  header a { color: inherit; }
  .empty { padding: 2em; color: #666; }
</style>
</head>
<body data-version="${state.version}">
<header>
  <span class="version">${th ? 'ครั้งที่' : 'build'} <span id="version">${state.version}</span>${state.builtAt ? ` · ${escapeHtml(state.builtAt)}` : ''}</span>
  <span class="file">${escapeHtml(display(file))}</span> — <span id="status">${escapeHtml(status)}</span>${state.hasPdf ? ` · <a href="/document.pdf?v=${state.version}" target="_blank">${th ? 'เปิด PDF' : 'open the PDF'}</a> · ${th ? 'หน้า' : 'page'} <span id="page">1</span>/<span id="pages">…</span>` : ''}
  ${problems}
</header>
${viewer}
<script type="module">
  // The PDF, page by page (PDF.js); the place read last (page, and how far down it) is kept
  // in sessionStorage, so the page reloaded after a save comes back to it.
  const KEY = 'ita-report-preview-place';
  const viewer = document.getElementById('viewer');
  if (viewer) {
    const pdfjs = await import('/pdfjs/pdf.min.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.min.mjs';
    const doc = await pdfjs.getDocument({ url: viewer.dataset.pdf }).promise;
    document.getElementById('pages').textContent = String(doc.numPages);
    const width = () => viewer.clientWidth - 24;
    const boxes = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const size = page.getViewport({ scale: 1 });
      const box = document.createElement('div');
      box.className = 'page';
      box.dataset.page = String(n);
      const shownWidth = Math.min(width(), size.width * 1.5);
      box.style.width = shownWidth + 'px';
      box.style.height = (shownWidth / size.width) * size.height + 'px';
      viewer.append(box);
      boxes.push({ box, page, size, drawn: false });
    }
    const draw = async (entry) => {
      if (entry.drawn) return;
      entry.drawn = true;
      const scale = (entry.box.clientWidth / entry.size.width) * (window.devicePixelRatio || 1);
      const viewport = entry.page.getViewport({ scale });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      entry.box.append(canvas);
      await entry.page.render({ canvas, viewport }).promise;
      entry.box.dataset.drawn = 'true';
    };
    const seen = new IntersectionObserver((list) => list.forEach((e) => e.isIntersecting && draw(boxes[Number(e.target.dataset.page) - 1])), { root: viewer, rootMargin: '100% 0px' });
    boxes.forEach((b) => seen.observe(b.box));
    const place = () => {
      const top = viewer.scrollTop;
      const at = boxes.find((b) => b.box.offsetTop + b.box.offsetHeight > top) ?? boxes[0];
      return { page: Number(at.box.dataset.page), within: (top - at.box.offsetTop) / at.box.offsetHeight };
    };
    const mark = () => {
      const p = place();
      document.getElementById('page').textContent = String(p.page);
      document.body.dataset.page = String(p.page);
      sessionStorage.setItem(KEY, JSON.stringify(p));
    };
    const kept = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (kept && boxes[kept.page - 1]) {
      const b = boxes[kept.page - 1].box;
      viewer.scrollTop = b.offsetTop + Math.max(0, Math.min(1, kept.within)) * b.offsetHeight;
    }
    mark();
    viewer.addEventListener('scroll', mark, { passive: true });
    document.body.dataset.ready = 'true';
  }
</script>
<script>
  // Reload when a build newer than the one shown has finished. EventSource reconnects by
  // itself (say, after the computer slept) and the server then sends its current version.
  const shown = ${state.version};
  const reloadIfNewer = (v) => { if (Number(v) !== shown) location.reload(); };
  if (window.EventSource) {
    const events = new EventSource('/events');
    events.addEventListener('version', (e) => reloadIfNewer(e.data));
  } else {
    setInterval(() => fetch('/status.json', { cache: 'no-store' }).then((r) => r.json()).then((s) => reloadIfNewer(s.version)), 1000);
  }
</script>
</body>
</html>
`;
}

function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No desktop browser to open: the URL is printed anyway.
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolveListen, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolveListen((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

export async function previewCommand(file: string, opts: PreviewOptions, lang: Lang): Promise<number> {
  const th = lang === 'th';
  const explicitPort = opts.port !== undefined;
  const port = explicitPort ? Number(opts.port) : DEFAULT_PREVIEW_PORT;
  const timeout = parseTimeout(opts.timeout);
  if (timeout === undefined) {
    process.stderr.write(timeoutUsage(lang));
    return 2;
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(th ? 'ita-report: --port ต้องเป็นเลขพอร์ต 0–65535\n' : 'ita-report: --port takes a port number 0–65535\n');
    return 2;
  }

  const dir = await mkdtemp(join(tmpdir(), 'ita-report-preview-'));
  const pdfPath = join(dir, 'document.pdf');
  const state: State = { version: 0, ok: false, hasPdf: false, line: '', diagnostics: [], builtAt: '' };
  const clients = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();

  const onBuild = (b: WatchBuild) => {
    state.version = b.version;
    state.ok = b.outcome.status === 'built';
    state.hasPdf = state.hasPdf || state.ok;
    const secs = (b.outcome.ms / 1000).toFixed(1);
    state.line = state.ok
      ? (th ? `✓ PDF ล่าสุด ${b.outcome.pages} หน้า (สร้างใน ${secs} วินาที)` : `✓ latest PDF, ${b.outcome.pages} pages (built in ${secs} s)`)
      : `${outcomeLine(b.outcome, lang)}${state.hasPdf ? (th ? ' — PDF ด้านล่างเป็นฉบับก่อนหน้า' : ' — the PDF below is the previous one') : ''}`;
    state.diagnostics = sortDiagnostics(b.outcome.diagnostics.map((d: Diagnostic) => ({ ...d, file: display(d.file) }))).map((d) => formatDiagnostic(d, lang));
    state.builtAt = new Date().toLocaleTimeString(th ? 'th-TH' : 'en-GB');
    for (const res of clients) res.write(`event: version\ndata: ${state.version}\n\n`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const noStore = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (path === '/') {
      res.writeHead(200, { ...noStore, 'content-type': 'text/html; charset=utf-8' }).end(page(file, state, lang));
    } else if (path === '/document.pdf') {
      const pdf = state.hasPdf ? await readFile(pdfPath).catch(() => undefined) : undefined;
      if (!pdf) res.writeHead(404, { ...noStore, 'content-type': 'text/plain; charset=utf-8' }).end(th ? 'ยังไม่มี PDF\n' : 'no PDF yet\n');
      else res.writeHead(200, { ...noStore, 'content-type': 'application/pdf', 'content-length': pdf.length, 'content-disposition': `inline; filename="${encodeURIComponent(basename(file).replace(/\.ya?ml$/i, '.pdf'))}"` }).end(pdf);
    } else if (path.startsWith('/pdfjs/') && PDFJS_FILES.has(path.slice('/pdfjs/'.length))) {
      const body = await readFile(join(PDFJS_DIR, path.slice('/pdfjs/'.length)));
      res.writeHead(200, { 'x-content-type-options': 'nosniff', 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=3600' }).end(body);
    } else if (path.startsWith('/fonts/') && FONT_FILE.test(path.slice('/fonts/'.length))) {
      const body = await readFile(join(FONT_DIR, 'files', path.slice('/fonts/'.length)));
      res.writeHead(200, { 'x-content-type-options': 'nosniff', 'content-type': 'font/woff2', 'cache-control': 'max-age=3600' }).end(body);
    } else if (path === '/status.json') {
      res.writeHead(200, { ...noStore, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ version: state.version, ok: state.ok, hasPdf: state.hasPdf, line: state.line, diagnostics: state.diagnostics }));
    } else if (path === '/events') {
      res.writeHead(200, { ...noStore, 'content-type': 'text/event-stream', connection: 'keep-alive' });
      res.write(`retry: 1000\nevent: version\ndata: ${state.version}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
    } else {
      res.writeHead(404, { ...noStore, 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  let bound: number;
  try {
    bound = await listen(server, port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || explicitPort) {
      await rm(dir, { recursive: true, force: true });
      process.stderr.write(th
        ? `ita-report: เปิดพอร์ต ${port} ไม่ได้ (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})\n    วิธีแก้: เลือกพอร์ตอื่น เช่น --port ${port + 1}\n`
        : `ita-report: cannot listen on port ${port} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})\n    fix: choose another port, e.g. --port ${port + 1}\n`);
      return 1;
    }
    // The usual port is taken (another preview is running): take any free one.
    bound = await listen(server, 0);
  }
  allowedHosts = new Set([`127.0.0.1:${bound}`, `localhost:${bound}`]);
  const url = `http://127.0.0.1:${bound}/`;
  process.stdout.write(th ? `ดูตัวอย่าง PDF ได้ที่ ${url}\n` : `preview at ${url}\n`);

  const session = new WatchSession([{ file, output: pdfPath }], { lang, browserPath: opts.browser, timeout, root: opts.root, onBuild, verbose: verboseWriter(opts.verbose, lang) });
  let opened = false;
  const openOnce = () => {
    if (opts.open !== false && !opened) {
      opened = true;
      openInBrowser(url);
    }
  };
  // The page is worth opening as soon as it exists; it shows "building…" and reloads itself.
  openOnce();
  return runUntilStopped(session, lang, async () => {
    for (const res of clients) res.end();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  });
}
