/**
 * Starting and ending the browser that prints: its flags, its pipe, its sandbox and its
 * profile folder. (Finding it on the machine is browser.ts.)
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { BrowserChoice } from './browser.js';
import { processAlive } from '../process-alive.js';

/** Flags that keep Chromium from stalling on a closed network or a locked-down machine. */
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--font-render-hinting=none',
  // Memory (measured on the example plan, Node and Chromium together), for the full browser
  // (a headless shell, which has none of these, ignores them): new headless mode
  // starts the whole browser, whose omnibox pop-ups are web pages of their own (a renderer of
  // about 50 MB that printing never shows); the network service, which only carries requests
  // answered from memory, can live in the browser process (a process of about 20 MB less);
  // a PDF needs no software rasterizer (the GPU process keeps 7 MB instead of 20, the PDFs
  // are byte for byte the same).
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
  '--enable-features=NetworkServiceInProcess2',
  '--disable-software-rasterizer',
];

/**
 * Each browser gets a profile folder named after this process, removed when the browser
 * closes; a process killed outright leaves its folder behind, and the next run removes it.
 */
const PROFILE_PREFIX = 'ita-report-chromium-';

export async function removeStaleProfiles(): Promise<void> {
  const entries = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of entries) {
    const pid = name.startsWith(PROFILE_PREFIX) ? parseInt(name.slice(PROFILE_PREFIX.length), 10) : NaN;
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The profile folder of each browser started here. */
const profiles = new WeakMap<Browser, string>();

/**
 * Ends a browser and removes its profile folder. Nothing of a browser started for printing is
 * worth a graceful shutdown, which took 150–450 ms against 30–80 ms for a kill, and which a
 * browser busy printing may not answer at all: on Linux and macOS its whole process group is
 * killed (puppeteer starts Chromium as a group leader). Windows has no process groups: there
 * puppeteer's close ends Chromium and its children, killed after five seconds if it hangs.
 * What counts is that the process has ended, not that puppeteer has heard back.
 */
export async function closeBrowser(browser: Browser): Promise<void> {
  const proc = browser.process();
  const running = () => proc?.pid !== undefined && proc.exitCode === null && proc.signalCode === null;
  const exited = running() ? new Promise((resolveExit) => proc!.once('exit', resolveExit)) : Promise.resolve();
  if (process.platform === 'win32') {
    const timer = setTimeout(() => running() && proc!.kill(), 5000);
    await Promise.race([browser.close().catch(() => running() && proc!.kill()), exited]);
    clearTimeout(timer);
  } else if (running()) {
    try {
      process.kill(-proc!.pid!, 'SIGKILL');
    } catch {
      proc!.kill('SIGKILL');
    }
  }
  await exited;
  await browser.disconnect().catch(() => undefined);
  const profile = profiles.get(browser);
  if (profile) await rm(profile, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * Chromium is driven over a pipe (never a debugging port another local user could reach),
 * so it also ends by itself when this process dies. Its sandbox stays on unless it cannot
 * run: as root Chromium refuses it, and some containers forbid what it needs.
 */
export async function startChromium(choice: BrowserChoice, sandbox: boolean, protocolTimeout: number): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  try {
    const browser = await puppeteer.launch({
      executablePath: choice.path,
      // The full browser runs in its new headless mode; a headless shell has only its own.
      headless: choice.headlessShell ? 'shell' : true,
      pipe: true,
      userDataDir: profile,
      args: [...(sandbox ? [] : ['--no-sandbox']), ...CHROMIUM_ARGS],
      // The commands handle Ctrl+C, SIGTERM and SIGHUP themselves (close, clean up, exit code).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      protocolTimeout,
    });
    // Puppeteer stops listening to the pipe when the browser closes; a message still on its
    // way then fails with EPIPE, and an error nobody listens to would end this process.
    for (const stream of browser.process()?.stdio ?? []) stream?.on('error', () => undefined);
    profiles.set(browser, profile);
    // Documents print on pages of their own: the blank tab a browser starts with would keep a
    // renderer of its own (56 MB) idle for the whole run. Either browser stays up without tabs.
    const blank = await browser.pages().catch(() => []);
    await Promise.all(blank.map((page) => page.close().catch(() => undefined)));
    return browser;
  } catch (err) {
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}
