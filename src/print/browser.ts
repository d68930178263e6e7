/**
 * Finding a Chromium-based browser. The tool never downloads one: officers have
 * Chrome or Edge installed, servers have their distribution's Chromium.
 *
 * The search is a function of the platform, the environment, the path rules and a test of
 * "is this an executable file" (`BrowserSearch`), so that the Windows search (drive letters,
 * `Path` spelt any way, `ProgramFiles(x86)`, a Thai user name in `LOCALAPPDATA`) is tested
 * with `path.win32` on any machine.
 */
import { accessSync, constants, statSync } from 'node:fs';
import nodePath from 'node:path';
import { bi, UserError } from '../diagnostics.js';

export interface BrowserChoice {
  path: string;
  /** Where it was found, for `--verbose` and error messages. */
  source: string;
  /** Chromium's headless shell (see HEADLESS_SHELLS), started in its own headless mode. */
  headlessShell: boolean;
}

export interface BrowserSearch {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  path: nodePath.PlatformPath;
  isExecutable(file: string): boolean;
}

/** This computer. */
export function hostSearch(): BrowserSearch {
  return {
    platform: process.platform,
    env: process.env,
    path: nodePath,
    isExecutable(file: string): boolean {
      try {
        // A folder is "executable" (searchable) too; started as a browser it failed with EACCES.
        if (!statSync(file).isFile()) return false;
        accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** An environment variable; Windows does not care how its name is spelt (Path, PATH). */
function envVar(s: BrowserSearch, name: string): string | undefined {
  if (s.platform !== 'win32') return s.env[name];
  const key = Object.keys(s.env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : s.env[key];
}

/**
 * Chromium's headless shell (Debian's chromium-headless-shell, Google's chrome-headless-shell)
 * is Chromium built to run headless only, without the browser's windows, profiles and
 * services. Printing the longest plans of the national run (195 pages) it took 330 MB
 * against the full browser's 472 MB, and printed in 0.77 s instead of 1.1 s; the pages
 * are the same pixels (the examples' PDFs are byte-identical but for the plan's). So it
 * comes first wherever it is installed.
 */
const HEADLESS_SHELLS = ['chromium-headless-shell', 'chrome-headless-shell'];

/** Whether an executable is a headless shell, by its file name (as puppeteer tells them apart). */
export function isHeadlessShell(file: string): boolean {
  return /headless[-_]shell/i.test(file.split(/[\\/]/).pop() ?? '');
}

const ON_PATH = [...HEADLESS_SHELLS, 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge', 'microsoft-edge-stable', 'msedge'];

/** The first of `names` (in that order) that is an executable in a folder of the PATH. */
export function onPath(s: BrowserSearch, names: string[] = ON_PATH): string | undefined {
  const dirs = (envVar(s, 'PATH') ?? '').split(s.path.delimiter).filter(Boolean);
  const exts = s.platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of names) for (const dir of dirs) for (const ext of exts) {
    const candidate = s.path.join(dir, name + ext);
    if (s.isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Where Chrome, Edge and Chromium install themselves on Windows and macOS. */
export function installedLocations(s: BrowserSearch): string[] {
  if (s.platform === 'win32') {
    const roots = ['PROGRAMFILES', 'PROGRAMFILES(X86)', 'LOCALAPPDATA'].map((n) => envVar(s, n)).filter((r): r is string => Boolean(r));
    return roots.flatMap((root) => [
      s.path.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      s.path.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      s.path.join(root, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  if (s.platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return [];
}

const chosen = (path: string, source: string): BrowserChoice => ({ path, source, headlessShell: isHeadlessShell(path) });

/** The browser to print with, in this order: --browser, PUPPETEER_EXECUTABLE_PATH, the PATH (a headless shell first), the usual install places. */
export function findBrowser(explicit?: string, s: BrowserSearch = hostSearch()): BrowserChoice {
  if (explicit) {
    if (s.isExecutable(explicit)) return chosen(explicit, '--browser');
    throw new UserError([
      {
        severity: 'error', code: 'browser/not-found', file: explicit, line: 0, column: 0, path: [],
        message: bi('ไม่พบโปรแกรมเว็บเบราว์เซอร์ตามที่ระบุใน --browser', 'the browser given with --browser does not exist or is not executable'),
        hint: bi('ระบุไฟล์โปรแกรมของ Chrome, Edge หรือ Chromium', 'name the executable of Chrome, Edge or Chromium'),
      },
    ]);
  }
  const fromEnv = envVar(s, 'PUPPETEER_EXECUTABLE_PATH');
  if (fromEnv && s.isExecutable(fromEnv)) return chosen(fromEnv, 'PUPPETEER_EXECUTABLE_PATH');
  const system = onPath(s);
  if (system) return chosen(system, 'PATH');
  const installed = installedLocations(s).find((f) => s.isExecutable(f));
  if (installed) return chosen(installed, 'installed application');
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
