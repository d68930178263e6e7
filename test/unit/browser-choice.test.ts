/**
 * Which browser prints: Chromium's headless shell comes before the full browser wherever it
 * is installed (it prints the same pages with less memory; see src/print/browser.ts), and it is
 * recognized by its name wherever it comes from, so that it is started in its own mode.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { findBrowser, isHeadlessShell, type BrowserSearch } from '../../src/print/browser.js';

function linux(PATH: string, files: string[]): BrowserSearch {
  const present = new Set(files);
  return { platform: 'linux', env: { PATH }, path: path.posix, isExecutable: (f) => present.has(f) };
}

describe('choosing the browser that prints', () => {
  it("takes Debian's chromium-headless-shell before chromium from the same PATH", () => {
    const both = linux('/usr/local/bin:/usr/bin', ['/usr/bin/chromium', '/usr/bin/chromium-headless-shell']);
    expect(findBrowser(undefined, both)).toEqual({ path: '/usr/bin/chromium-headless-shell', source: 'PATH', headlessShell: true });
  });

  it('takes the full browser, in its new headless mode, when no shell is installed', () => {
    expect(findBrowser(undefined, linux('/usr/bin', ['/usr/bin/chromium']))).toEqual({ path: '/usr/bin/chromium', source: 'PATH', headlessShell: false });
    expect(findBrowser(undefined, linux('/opt/google/bin:/usr/bin', ['/usr/bin/google-chrome', '/opt/google/bin/chrome-headless-shell'])).path).toBe('/opt/google/bin/chrome-headless-shell');
  });

  it('keeps --browser and PUPPETEER_EXECUTABLE_PATH first, and tells a shell by its file name there too', () => {
    const s = linux('/usr/bin', ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/srv/chrome-linux64/chrome']);
    expect(findBrowser('/usr/bin/chromium', s)).toEqual({ path: '/usr/bin/chromium', source: '--browser', headlessShell: false });
    expect(findBrowser('/srv/chrome-linux64/chrome', s).headlessShell).toBe(false);
    expect(findBrowser(undefined, { ...s, env: { PATH: '/usr/bin', PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium' } }).path).toBe('/usr/bin/chromium');
  });

  it('recognizes the shells as puppeteer and the distributions name them, and nothing else', () => {
    expect(isHeadlessShell('/usr/lib/chromium/chromium-headless-shell')).toBe(true);
    expect(isHeadlessShell('C:\\Users\\สมชาย\\.cache\\puppeteer\\chrome-headless-shell\\win64-131\\chrome-headless-shell-win64\\chrome-headless-shell.exe')).toBe(true);
    expect(isHeadlessShell('/home/u/headless_shell')).toBe(true);
    expect(isHeadlessShell('/opt/headless-shell-tools/chromium')).toBe(false);
    expect(isHeadlessShell('/usr/bin/chromium')).toBe(false);
    expect(isHeadlessShell('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe')).toBe(false);
  });
});
