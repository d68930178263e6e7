/**
 * `ita-report build --watch FILE…`: build, then rebuild a document whenever its YAML,
 * a file it refers to (authority file, logo, linked document, images) or one of the
 * tool's templates changes. One browser stays open for the whole session, so a rebuild
 * costs the printing alone, not a browser start. A document error is printed and the
 * watch goes on; Ctrl+C stops it and closes the browser.
 *
 * Folders are watched rather than files: editors often save by writing a new file and
 * renaming it over the old one, which a watch on the old file would not see. The watching
 * itself is chokidar's, which smooths over what fs.watch does differently on Windows,
 * macOS and Linux (events without file names, duplicate events, atomic saves).
 */
import { existsSync, readdirSync } from 'node:fs';
import { watch, type FSWatcher } from 'chokidar';
import nodePath, { dirname, join, resolve } from 'node:path';
import { bi, formatDiagnostic, hasErrors, sortDiagnostics, UserError, type Bilingual, type Diagnostic, type Lang } from '../diagnostics.js';
import { buildDocument, reloadTemplates, type BuildResult } from '../pipeline.js';
import { Printer } from '../print/printer.js';
import { TEMPLATE_DIR } from '../paths.js';
import { expandInputs } from '../batch/inputs.js';
import { outputFor, printFailure, type Outcome } from '../batch/run.js';
import { prepareOutputs } from '../batch/outputs.js';
import { hashRegularFile } from '../load/files.js';
import { parseTimeout, timeoutUsage, verboseWriter } from './build.js';
import { outcomeLine } from './progress.js';
import { display } from './report.js';
import { onStopSignals, SIGNAL_EXIT, type StopSignal } from './signals.js';

export interface WatchTarget {
  /** The YAML file. */
  file: string;
  /** Where its PDF goes. */
  output: string;
}

export interface WatchBuild {
  target: WatchTarget;
  outcome: Outcome;
  /** Counts every build of the session, starting at 1. */
  version: number;
}

export interface WatchOptions {
  lang: Lang;
  browserPath?: string;
  /** Milliseconds one document may take to print. */
  timeout?: number;
  /** --root: the folder documents may read from (load/files.ts). */
  root?: string;
  /** Quiet period after the last change before rebuilding (editors write a file in several steps). */
  debounceMs?: number;
  /** Called after every build (the preview page reloads). */
  onBuild?(build: WatchBuild): void;
  /** Where the officer's lines go (default: stdout, diagnostics to stderr). */
  write?(line: string, stream: 'out' | 'err'): void;
  /** --verbose: which browser, whether its sandbox is on. */
  verbose?: (line: Bilingual) => void;
}

function printLine(line: string, stream: 'out' | 'err'): void {
  (stream === 'out' ? process.stdout : process.stderr).write(`${line}\n`);
}

/** Whether `file` is `dir` or below it; a file on another drive (`D:\\…` from `C:\\…`) is not. */
export function isInside(file: string, dir: string, path: nodePath.PlatformPath = nodePath): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function subfolders(dir: string): string[] {
  const out = [dir];
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) out.push(...subfolders(join(dir, e.name)));
  return out;
}

function clockTime(): string {
  const d = new Date();
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export class WatchSession {
  private printer: Printer | undefined;
  private launching: Promise<Printer> | undefined;
  private watcher: FSWatcher | undefined;
  private readonly watched = new Set<string>();
  /** Absolute paths each document was made from, besides its YAML. */
  private readonly deps = new Map<WatchTarget, Set<string>>();
  /** Hashes of a document's inputs as its last build read them: an event without a change does not rebuild. */
  private readonly signatures = new Map<WatchTarget, Map<string, string>>();
  private readonly pending = new Set<WatchTarget>();
  private templatesChanged = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  private version = 0;
  /** Milliseconds the browser took to start (the cold start a rebuild does not pay again). */
  launchMs = 0;

  constructor(
    readonly targets: WatchTarget[],
    private readonly opts: WatchOptions,
  ) {}

  private say(line: string, stream: 'out' | 'err' = 'out'): void {
    (this.opts.write ?? printLine)(line, stream);
  }

  /** Starts the browser, builds every document once and starts watching. */
  async start(): Promise<void> {
    const started = performance.now();
    this.launching = Printer.launch({ browserPath: this.opts.browserPath, timeout: this.opts.timeout, verbose: this.opts.verbose });
    this.printer = await this.launching;
    this.launchMs = performance.now() - started;
    for (const t of this.targets) {
      if (this.closed) return;
      await this.build(t);
    }
    if (this.closed) return;
    await this.watchFolders();
    const { lang } = this.opts;
    this.say(lang === 'th'
      ? `เฝ้าดูการแก้ไข ${this.targets.length} เอกสาร: บันทึกไฟล์แล้ว PDF จะสร้างใหม่เอง (เปิดเบราว์เซอร์ใช้ ${(this.launchMs / 1000).toFixed(1)} วินาที ครั้งเดียว) กด Ctrl+C เพื่อหยุด`
      : `watching ${this.targets.length} document(s): save a file and its PDF is rebuilt (the browser started once, in ${(this.launchMs / 1000).toFixed(1)} s); Ctrl+C stops`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    // The browser first: a rebuild still printing then ends at once instead of being waited for.
    // Stopped while the browser was starting: wait for it, so that it is closed too.
    const printer = this.printer ?? (await this.launching?.catch(() => undefined));
    await printer?.close();
    await this.watcher?.close();
    this.watcher = undefined;
    await this.running?.catch(() => undefined);
  }

  private inputsOf(t: WatchTarget): string[] {
    return [resolve(t.file), ...(this.deps.get(t) ?? [])];
  }

  private static async hashOf(file: string): Promise<string> {
    // Never waiting on a named pipe put in a file's place (load/files.ts).
    return (await hashRegularFile(file)) ?? '(missing)';
  }

  /** Whether the YAML or a file it was made from differs from what its last build read. */
  private async changedSinceBuild(t: WatchTarget): Promise<boolean> {
    const last = this.signatures.get(t);
    if (!last) return true;
    for (const f of this.inputsOf(t)) if (last.get(f) !== (await WatchSession.hashOf(f))) return true;
    return false;
  }

  private async build(t: WatchTarget): Promise<void> {
    const printer = this.printer!;
    const started = performance.now();
    // Taken before building: a save made while this build runs must still count as a change.
    const read = new Map<string, string>();
    for (const f of this.inputsOf(t)) read.set(f, await WatchSession.hashOf(f));
    let result: BuildResult | undefined;
    let diagnostics: Diagnostic[] = [];
    let retried = false;
    for (;;) {
      try {
        result = await buildDocument(t.file, printer, { output: t.output, root: this.opts.root });
        diagnostics = result.diagnostics;
        break;
      } catch (err) {
        if (err instanceof UserError) {
          diagnostics = err.diagnostics;
          break;
        }
        if (this.closed) return;
        if (!retried) {
          // A crashed or hung browser: start a new one and try once more.
          retried = true;
          await printer.restart().catch(() => undefined);
          continue;
        }
        diagnostics = [printFailure(t.file, err, bi('บันทึกไฟล์อีกครั้งเพื่อลองใหม่', 'save the file again to retry'))];
        break;
      }
    }
    const deps = this.deps.get(t) ?? new Set<string>();
    for (const d of [...(result?.doc?.dependencies ?? []), ...(result?.dependencies ?? [])]) deps.add(resolve(d));
    this.deps.set(t, deps);
    for (const f of deps) if (!read.has(f)) read.set(f, await WatchSession.hashOf(f));
    this.signatures.set(t, read);

    // Invalid: the document's own problems stopped it before printing; failed: the printing did.
    const status: Outcome['status'] = result?.output ? 'built' : result && !result.derived && hasErrors(result.diagnostics) ? 'invalid' : 'failed';
    const outcome: Outcome = { input: t.file, output: result?.output, status, pages: result?.pages, ms: performance.now() - started, retried, diagnostics };
    this.version += 1;
    this.say(`[${clockTime()}] ${outcomeLine(outcome, this.opts.lang)}`);
    for (const d of sortDiagnostics(diagnostics.map((x) => ({ ...x, file: display(x.file) })))) this.say(formatDiagnostic(d, this.opts.lang), 'err');
    if (status !== 'built') {
      this.say(this.opts.lang === 'th' ? '    แก้ไฟล์แล้วบันทึก จะตรวจและสร้างใหม่ให้เอง' : '    fix the file and save it: it is checked and rebuilt by itself', 'err');
    }
    this.opts.onBuild?.({ target: t, outcome, version: this.version });
    // A new dependency (say, the authority file just named) may live in a folder not watched yet.
    if (this.watcher) void this.watchFolders();
  }

  private folders(): Set<string> {
    const dirs = new Set<string>();
    for (const t of this.targets) {
      dirs.add(dirname(resolve(t.file)));
      for (const d of this.deps.get(t) ?? []) dirs.add(dirname(d));
    }
    if (existsSync(TEMPLATE_DIR)) for (const d of subfolders(TEMPLATE_DIR)) dirs.add(d);
    return dirs;
  }

  /** Watches the folders not watched yet; resolves when the first ones are being watched. */
  private async watchFolders(): Promise<void> {
    if (this.closed) return;
    const added = [...this.folders()].filter((d) => !this.watched.has(d) && existsSync(d));
    for (const d of added) this.watched.add(d);
    if (added.length === 0) return;
    if (this.watcher) {
      this.watcher.add(added);
      return;
    }
    // depth 0: a folder's own files; templates/ has its subfolders listed (folders()).
    const watcher = watch(added, { ignoreInitial: true, depth: 0, atomic: true });
    this.watcher = watcher;
    // A folder that cannot be watched (removed, no permission): its files are not followed.
    watcher.on('error', () => undefined);
    watcher.on('all', (_event, path) => this.changed(resolve(path)));
    await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  }

  private changed(path: string): void {
    if (this.closed) return;
    if (isInside(path, TEMPLATE_DIR)) {
      this.templatesChanged = true;
      for (const t of this.targets) this.pending.add(t);
    } else {
      for (const t of this.targets) if (resolve(t.file) === path || this.deps.get(t)?.has(path) === true) this.pending.add(t);
    }
    if (this.pending.size === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.opts.debounceMs ?? 150);
  }

  private flush(): void {
    if (this.running) {
      // Changes made while printing are picked up when that build ends.
      void this.running.then(() => this.flush());
      return;
    }
    if (this.pending.size === 0 || this.closed) return;
    this.running = (async () => {
      while (this.pending.size > 0 && !this.closed) {
        const batch = [...this.pending];
        this.pending.clear();
        const templates = this.templatesChanged;
        this.templatesChanged = false;
        if (templates) {
          reloadTemplates();
          this.printer?.forgetFiles();
        }
        for (const t of batch) {
          if (this.closed) break;
          if (!templates && !(await this.changedSinceBuild(t))) continue;
          const th = this.opts.lang === 'th';
          this.say(templates
            ? (th ? `… แม่แบบเอกสาร (templates) เปลี่ยน กำลังสร้าง ${display(t.file)} ใหม่` : `… a template changed: rebuilding ${display(t.file)}`)
            : (th ? `… ${display(t.file)}: มีการแก้ไข กำลังสร้าง PDF ใหม่` : `… ${display(t.file)} changed: rebuilding`));
          await this.build(t);
        }
      }
    })().finally(() => {
      this.running = undefined;
    });
  }
}

/**
 * Runs a session until Ctrl+C, SIGTERM or SIGHUP; resolves with the exit code: 0 after
 * Ctrl+C (the usual way to end a watch), 128 + the signal's number after the others.
 */
export async function runUntilStopped(session: WatchSession, lang: Lang, cleanup?: () => Promise<void> | void): Promise<number> {
  let stoppedBy: StopSignal | undefined;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolveStop) => {
    stop = resolveStop;
  });
  const stopListening = onStopSignals((signal) => {
    stoppedBy = signal;
    process.stdout.write(lang === 'th' ? '\nหยุดเฝ้าดูแล้ว ปิดเบราว์เซอร์\n' : '\nstopped watching; closing the browser\n');
    stop();
  });
  try {
    await Promise.race([session.start(), stopped]);
    await stopped;
  } finally {
    stopListening();
    await session.close();
    await cleanup?.();
  }
  return stoppedBy === undefined || stoppedBy === 'SIGINT' ? 0 : SIGNAL_EXIT[stoppedBy];
}

/** `ita-report build --watch FILE…` (files, folders or patterns, as for build). */
export async function watchCommand(args: string[], opts: { out?: string; browser?: string; timeout?: string; root?: string; verbose?: boolean }, lang: Lang): Promise<number> {
  const timeout = parseTimeout(opts.timeout);
  if (timeout === undefined) {
    process.stderr.write(timeoutUsage(lang));
    return 2;
  }
  const expanded = await expandInputs(args);
  if (expanded.diagnostics.length > 0) {
    for (const d of sortDiagnostics(expanded.diagnostics)) process.stderr.write(`${formatDiagnostic(d, lang)}\n`);
    return 2;
  }
  const targets = expanded.inputs.map((i) => ({ file: i.file, output: outputFor(i, opts.out) }));
  const refused = await prepareOutputs(targets, opts.out);
  if (refused.length > 0) {
    for (const d of sortDiagnostics(refused)) process.stderr.write(`${formatDiagnostic(d, lang)}\n`);
    return 2;
  }
  return runUntilStopped(new WatchSession(targets, { lang, browserPath: opts.browser, timeout, root: opts.root, verbose: verboseWriter(opts.verbose, lang) }), lang);
}
