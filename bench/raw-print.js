#!/usr/bin/env node
// node bench/raw-print.js DOC.html OUT.pdf [BASE_DIR] — the floor of a cold build: a process that
// starts Chromium, prints HTML that ita-report already rendered (ITA_REPORT_KEEP_HTML) once,
// writes the PDF and exits. It answers the page's requests as ita-report does (fonts,
// stylesheets, files next to the YAML) and does nothing else. bench/run.js uses the same two
// functions for raw Chromium in a batch.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { FONT_DIR, TEMPLATE_DIR } from '../dist/paths.js';
import { findBrowser } from '../dist/print/browser.js';

const fontCss = ['400', '400-italic', '700', '700-italic'].map((w) => readFileSync(join(FONT_DIR, `${w}.css`), 'utf8').replaceAll('./files/', '/fonts/files/')).join('\n');

/** Chromium as ita-report starts it (the same browser, in the same headless mode): over a pipe, the sandbox off only as root. */
export async function launchRaw() {
  const choice = findBrowser();
  return puppeteer.launch({
    executablePath: choice.path,
    headless: choice.headlessShell ? 'shell' : true,
    pipe: true,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none'],
  });
}

/** One print of `html` on a new page, closed afterwards; the PDF's bytes. */
export async function printRaw(browser, html, baseDir = '.') {
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
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
  await page.close();
  return pdf;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [htmlFile, out, baseDir] = process.argv.slice(2);
  const browser = await launchRaw();
  writeFileSync(out, await printRaw(browser, readFileSync(htmlFile, 'utf8'), baseDir));
  await browser.close();
}
