#!/usr/bin/env node
// node bench/raw-print.js DOC.html OUT.pdf [BASE_DIR] — the floor of a cold build: a process that
// starts Chromium, prints HTML that ita-report already rendered (ITA_REPORT_KEEP_HTML) once,
// writes the PDF and exits. It answers the page's requests as ita-report does (fonts,
// stylesheets, files next to the YAML) and does nothing else.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { FONT_DIR, TEMPLATE_DIR } from '../dist/paths.js';
import { findBrowser } from '../dist/print/browser.js';

const [htmlFile, out, baseDir = '.'] = process.argv.slice(2);
const html = readFileSync(htmlFile, 'utf8');
const fontCss = ['400', '400-italic', '700', '700-italic'].map((w) => readFileSync(join(FONT_DIR, `${w}.css`), 'utf8').replaceAll('./files/', '/fonts/files/')).join('\n');
const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
const browser = await puppeteer.launch({
  executablePath: (await findBrowser()).path,
  headless: true,
  pipe: true,
  args: [...sandbox, '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none'],
});
const page = await browser.newPage();
await page.setRequestInterception(true);
page.on('request', (req) => {
  const path = decodeURIComponent(new URL(req.url()).pathname);
  const file = (f) => {
    try {
      return readFileSync(f);
    } catch {
      return undefined;
    }
  };
  let body;
  if (path === '/document.html') body = html;
  else if (path === '/fonts/sarabun.css') body = fontCss;
  else if (path.startsWith('/fonts/files/')) body = file(join(FONT_DIR, 'files', path.slice('/fonts/files/'.length)));
  else if (path.startsWith('/assets/')) body = file(join(TEMPLATE_DIR, path.slice('/assets/'.length)));
  else if (path.startsWith('/files/')) body = file(join(baseDir, path.slice('/files/'.length)));
  void (body === undefined ? req.respond({ status: 404, body: '' }) : req.respond({ status: 200, body }));
});
await page.goto('http://ita-report.invalid/document.html', { waitUntil: 'load' });
await page.evaluate(() => document.fonts.ready.then(() => undefined));
writeFileSync(out, await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }));
await browser.close();
