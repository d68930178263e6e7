/**
 * Finding a Chromium-based browser. The tool never downloads one: officers have
 * Chrome or Edge installed, servers have their distribution's Chromium.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { bi } from '../diagnostics.js';
import { UserError } from '../diagnostics.js';

export interface BrowserChoice {
  path: string;
  /** Where it was found, for `--verbose` and error messages. */
  source: string;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(names: string[]): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of names) for (const dir of dirs) for (const ext of exts) {
    const candidate = join(dir, name + ext);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function installedLocations(): string[] {
  if (process.platform === 'win32') {
    const roots = [process.env['PROGRAMFILES'], process.env['PROGRAMFILES(X86)'], process.env['LOCALAPPDATA']].filter((r): r is string => Boolean(r));
    return roots.flatMap((root) => [
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      join(root, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  if (process.platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return [];
}

/** The browser puppeteer itself would use (its cache), if one was ever downloaded there. */
async function puppeteerCache(): Promise<string | undefined> {
  try {
    const { default: puppeteer } = await import('puppeteer-core');
    const path = puppeteer.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export async function findBrowser(explicit?: string): Promise<BrowserChoice> {
  if (explicit) {
    if (isExecutable(explicit)) return { path: explicit, source: '--browser' };
    throw new UserError([
      {
        severity: 'error', code: 'browser/not-found', file: explicit, line: 0, column: 0, path: [],
        message: bi('ไม่พบโปรแกรมเว็บเบราว์เซอร์ตามที่ระบุใน --browser', 'the browser given with --browser does not exist or is not executable'),
        hint: bi('ระบุไฟล์โปรแกรมของ Chrome, Edge หรือ Chromium', 'name the executable of Chrome, Edge or Chromium'),
      },
    ]);
  }
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv && isExecutable(fromEnv)) return { path: fromEnv, source: 'PUPPETEER_EXECUTABLE_PATH' };
  const cached = await puppeteerCache();
  if (cached) return { path: cached, source: 'puppeteer cache' };
  const system = onPath(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge', 'microsoft-edge-stable', 'msedge']);
  if (system) return { path: system, source: 'PATH' };
  const installed = installedLocations().find(isExecutable);
  if (installed) return { path: installed, source: 'installed application' };
  throw new UserError([
    {
      severity: 'error', code: 'browser/none', file: 'ita-report', line: 0, column: 0, path: [],
      message: bi('ไม่พบเว็บเบราว์เซอร์ตระกูล Chromium (Chrome, Edge หรือ Chromium) สำหรับพิมพ์ PDF', 'no Chromium-based browser (Chrome, Edge or Chromium) was found to print the PDF'),
      hint: bi(
        'ติดตั้ง Google Chrome หรือ Microsoft Edge (Windows/macOS) หรือบน Debian/Ubuntu: sudo apt-get install chromium แล้วลองใหม่ หรือระบุตำแหน่งด้วย --browser PATH หรือตัวแปร PUPPETEER_EXECUTABLE_PATH (คำสั่ง validate ไม่ต้องใช้เบราว์เซอร์)',
        'install Google Chrome or Microsoft Edge (Windows/macOS), or on Debian/Ubuntu: sudo apt-get install chromium; or point to one with --browser PATH or PUPPETEER_EXECUTABLE_PATH (validate needs no browser)',
      ),
    },
  ]);
}
