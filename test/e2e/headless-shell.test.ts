/**
 * The browser that prints. Set-up installs Debian's chromium-headless-shell beside chromium
 * where apt has it, and ita-report prints with the shell (less memory, faster:
 * src/print/browser.ts). The full browser must keep working (Windows and macOS have only
 * that), and both must print the same pages: the same text and the same pixels.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, hostSearch, onPath as onThePath } from '../../src/print/browser.js';
import { pdftotext, ROOT, runCli, tempDir } from '../helpers.js';

const DOC = join(ROOT, 'examples/lampang-pao/measures-2567.yaml');

/** The pages of a PDF drawn at 40 dpi, as PGM bytes. */
function pixels(pdf: string): Buffer[] {
  const dir = tempDir('pixels-');
  execFileSync('pdftoppm', ['-r', '40', '-gray', pdf, join(dir, 'p')]);
  return readdirSync(dir).sort().map((f) => readFileSync(join(dir, f)));
}

/** The first executable of these names on this machine's PATH. */
const onPath = (names: string[]) => onThePath(hostSearch(), names);

describe('the browser that prints', () => {
  it("is Chromium's headless shell when one is installed (set-up installs Debian's), else the full browser", () => {
    const shell = onPath(['chromium-headless-shell', 'chrome-headless-shell']);
    const choice = findBrowser();
    if (process.env.PUPPETEER_EXECUTABLE_PATH === undefined) expect(choice.path).toBe(shell ?? onPath(['chromium', 'chromium-browser', 'google-chrome']));
    expect(choice.headlessShell).toBe(choice.path === shell);
    const run = runCli(['build', DOC, '-o', tempDir('shell-'), '--verbose', '--lang', 'en']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`browser: ${choice.path}`);
  });

  it('prints the same pages as the full browser, which --browser still chooses', () => {
    const full = onPath(['chromium', 'chromium-browser', 'google-chrome']);
    expect(full, 'a full Chromium on the PATH').toBeDefined();
    const [shellOut, fullOut] = [tempDir('shell-'), tempDir('full-')];
    const viaDefault = runCli(['build', DOC, '-o', shellOut]);
    const viaFull = runCli(['build', DOC, '-o', fullOut, '--browser', full!, '--verbose', '--lang', 'en']);
    expect(viaDefault.status, viaDefault.stderr).toBe(0);
    expect(viaFull.status, viaFull.stderr).toBe(0);
    expect(viaFull.stderr).toContain(`browser: ${full}`);
    const [a, b] = [join(shellOut, 'measures-2567.pdf'), join(fullOut, 'measures-2567.pdf')];
    expect(pdftotext(a, ['-layout'])).toBe(pdftotext(b, ['-layout']));
    const [pa, pb] = [pixels(a), pixels(b)];
    expect(pa.length).toBeGreaterThan(10);
    expect(pa.length).toBe(pb.length);
    pa.forEach((page, i) => expect(page.equals(pb[i]!), `page ${i + 1}`).toBe(true));
  });
});
