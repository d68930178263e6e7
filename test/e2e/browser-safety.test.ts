/**
 * The browser behind build, watch and preview (issue 9, "The browser"): driven over a pipe
 * with no port open, gone when the CLI is killed outright, closed with its temporary files
 * when the CLI gets SIGTERM, SIGHUP or Ctrl+C, and sandboxed unless it cannot be.
 * Processes are read from /proc (Linux), as an administrator would look at them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CliProcess } from '../child.js';
import { CLI, ROOT, runCli, tempDir } from '../helpers.js';

const PLAN = join(ROOT, 'examples/lampang-pao/plan-2566-2570.yaml');

let running: CliProcess | undefined;
afterEach(async () => {
  await running?.interrupt();
  running = undefined;
});

/** Parent of every process, from /proc/<pid>/stat (the field after the name in parentheses). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      out.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

function descendants(pid: number): number[] {
  const tree = parents();
  const out: number[] = [];
  const visit = (p: number) => {
    for (const [child, parent] of tree) if (parent === p) out.push(child), visit(child);
  };
  visit(pid);
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** A process that still runs (an ended one may stay a zombie until its parent reaps it). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const browsersOf = (pid: number) => descendants(pid).filter((p) => /chrom/i.test(cmdline(p)));

async function until<T>(what: string, fn: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Inodes of the TCP sockets listening on this machine (state 0A in /proc/net/tcp and tcp6). */
function listeningInodes(): Set<string> {
  const out = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '0A') out.add(f[9]!);
    }
  }
  return out;
}

function socketInodes(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      try {
        return [/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1]].filter((x): x is string => Boolean(x));
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

function expectNoPortFor(cli: CliProcess): void {
  const browsers = browsersOf(cli.proc.pid!);
  expect(browsers.length, cli.output).toBeGreaterThan(0);
  const listening = listeningInodes();
  for (const pid of browsers) {
    expect(cmdline(pid)).not.toMatch(/--remote-debugging-port/);
    expect(socketInodes(pid).filter((inode) => listening.has(inode)), `listening sockets of ${cmdline(pid).slice(0, 80)}`).toEqual([]);
  }
  expect(browsers.some((pid) => cmdline(pid).includes('--remote-debugging-pipe'))).toBe(true);
}

const profilesOf = (pid: number) => readdirSync(tmpdir()).filter((n) => n.startsWith(`ita-report-chromium-${pid}-`));

/** A folder of three copies of the example plan: a build long enough to be stopped in the middle. */
function longBatch(): string {
  const dir = tempDir('safety-');
  for (const name of ['a', 'b', 'c']) {
    mkdirSync(join(dir, 'in', name), { recursive: true });
    cpSync(PLAN, join(dir, 'in', name, 'plan.yaml'));
  }
  return dir;
}

describe('no port: Chromium is driven over a pipe', () => {
  it('while build prints', async () => {
    const dir = longBatch();
    running = new CliProcess(['build', join(dir, 'in'), '-o', join(dir, 'out'), '--jobs', '1']);
    await until('the browser', () => browsersOf(running!.proc.pid!).length > 0);
    expectNoPortFor(running);
    expect(await running.exit()).toBe(0);
  });

  it('while build --watch and preview run', async () => {
    const dir = tempDir('safety-');
    cpSync(join(ROOT, 'examples/lampang-pao'), dir, { recursive: true });
    running = new CliProcess(['build', '--watch', join(dir, 'measures-2567.yaml')]);
    await running.waitFor(/เฝ้าดู|watching/);
    expectNoPortFor(running);
    expect(await running.interrupt()).toBe(0);
    running = new CliProcess(['preview', join(dir, 'measures-2567.yaml'), '--port', '0', '--no-open']);
    await running.waitFor(/✓/);
    expectNoPortFor(running);
    expect(await running.interrupt()).toBe(0);
  });
});

describe('stopping', () => {
  it('kill -9 of the CLI in the middle of a print leaves no Chromium process, and the next run removes its profile folder', async () => {
    const dir = longBatch();
    const cli = new CliProcess(['build', join(dir, 'in'), '-o', join(dir, 'out'), '--jobs', '1']);
    const pid = cli.proc.pid!;
    await until('the browser', () => browsersOf(pid).length > 0);
    await new Promise((r) => setTimeout(r, 1500));
    const browsers = browsersOf(pid);
    expect(browsers.length).toBeGreaterThan(0);
    expect(profilesOf(pid)).toHaveLength(1);
    cli.proc.kill('SIGKILL');
    await cli.exit();
    await until('every browser process to end', () => browsers.every((p) => !alive(p)), 10_000);
    // The profile folder of the killed run is left; the next run removes it.
    expect(runCli(['build', join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), '-o', join(dir, 'next')]).status).toBe(0);
    expect(profilesOf(pid)).toEqual([]);
  });

  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129], ['SIGINT', 130]] as const) {
    it(`${signal} stops a build: the browser closed, nothing temporary left, exit ${code}`, async () => {
      const dir = longBatch();
      const cli = new CliProcess(['build', join(dir, 'in'), '-o', join(dir, 'out'), '--jobs', '1']);
      // 'exit' may come before the last output: 'close' comes after it.
      const closed = new Promise((r) => cli.proc.once('close', r));
      const pid = cli.proc.pid!;
      await until('the browser', () => browsersOf(pid).length > 0);
      await new Promise((r) => setTimeout(r, 1500));
      const browsers = browsersOf(pid);
      cli.proc.kill(signal);
      expect(await cli.exit(), cli.output).toBe(code);
      await closed;
      expect(cli.output).toContain(signal);
      // Killed, not only told to close: gone moments after the CLI has exited.
      await until('every browser process to end', () => browsers.every((p) => !alive(p)), 5_000);
      expect(profilesOf(pid)).toEqual([]);
      const left = existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out'), { recursive: true }).map(String) : [];
      expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // Stopped, not retried to the end: the third copy was never built.
      expect(left.filter((f) => f.endsWith('.pdf')).length).toBeLessThan(3);
    });
  }
});

describe('the sandbox', () => {
  const root = process.getuid?.() === 0;

  it('is off only where it cannot run, and --verbose says so once', async () => {
    const run = runCli(['build', join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), '-o', tempDir(), '--verbose', '--lang', 'en']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/driven over a pipe, no port open/);
    const notes = run.stderr.split('\n').filter((l) => /sandbox is off/.test(l));
    expect(notes.length).toBeLessThanOrEqual(1);
    if (root) expect(notes[0]).toMatch(/running as root/);
  });

  const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

  /**
   * The CLI as user "nobody" can run it: this checkout's, when nobody can read it; otherwise
   * (a clone inside a private temporary folder, as CI may make) the files the CLI runs from,
   * linked one by one (a copy where links cannot be made) into a folder anyone can read.
   */
  function cliForNobody(): string {
    const readable = spawnSync(NOBODY[0]!, [...NOBODY.slice(1), process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(CLI)})`]).status === 0;
    if (readable) return CLI;
    const copy = tempDir('sandbox-tool-');
    chmodSync(copy, 0o755);
    for (const part of ['package.json', 'bin', 'dist', 'schemas', 'templates', 'starters', 'node_modules']) {
      if (spawnSync('cp', ['-al', join(ROOT, part), copy]).status !== 0) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    }
    return join(copy, 'bin', 'ita-report.js');
  }

  it.runIf(root && existsSync('/usr/bin/setpriv'))('stays on for a normal user, unless the browser cannot start with it', async () => {
    const dir = tempDir('sandbox-');
    chmodSync(dir, 0o777);
    cpSync(join(ROOT, 'examples/lampang-pao/measures-2567.yaml'), join(dir, 'doc.yaml'));
    chmodSync(join(dir, 'doc.yaml'), 0o644);
    expect(spawnSync(NOBODY[0]!, [...NOBODY.slice(1), 'true']).status).toBe(0);
    // The CLI as user "nobody": setpriv replaces itself with node, so the pid is the CLI's.
    running = new CliProcess(['build', '--watch', '--verbose', '--lang', 'en', join(dir, 'doc.yaml')], {
      cwd: dir,
      env: { HOME: dir },
      command: [...NOBODY, process.execPath, cliForNobody()],
    });
    await running.waitFor(/watching/);
    const browsers = browsersOf(running.proc.pid!);
    expect(browsers.length, running.output).toBeGreaterThan(0);
    const fellBack = /sandbox is off: the browser did not start with it/.test(running.output);
    expect(running.output).not.toMatch(/running as root/);
    for (const pid of browsers) expect(cmdline(pid).includes('--no-sandbox'), cmdline(pid).slice(0, 120)).toBe(fellBack);
    expect(await running.interrupt()).toBe(0);
  });
});

describe('--timeout', () => {
  const DOC = join(ROOT, 'test/fixtures/plan/valid/minimal.yaml');

  it('accepts 1 to 86400 seconds; anything else is a usage error (exit 2) for build, watch and preview', () => {
    for (const bad of ['86401', '0', 'abc']) {
      for (const args of [['build', DOC], ['build', '--watch', DOC], ['preview', DOC, '--no-open']]) {
        const run = runCli([...args, '--timeout', bad, '--lang', 'en']);
        expect(run.status, `${args.join(' ')} --timeout ${bad}`).toBe(2);
        expect(run.stderr).toContain('--timeout takes seconds from 1 to 86400');
      }
    }
    expect(runCli(['build', DOC, '-o', tempDir(), '--timeout', '86400']).status).toBe(0);
  });

  it('says to raise --timeout when a document takes longer', async () => {
    const { runBatch } = await import('../../src/batch/run.js');
    const out = tempDir();
    // 50 ms: no document prints that fast, so both the first try and the retry run out of time.
    const [outcome] = await runBatch([{ file: DOC, relativeOutput: 'doc.pdf' }], { jobs: 1, outDir: out, timeout: 50, force: true });
    expect(outcome!.status).toBe('failed');
    expect(outcome!.retried).toBe(true);
    expect(outcome!.diagnostics.map((d) => d.code)).toEqual(['print/timeout']);
    expect(outcome!.diagnostics[0]!.hint!.en).toMatch(/raise the limit with --timeout/);
    expect(outcome!.diagnostics[0]!.message.th).toContain('--timeout');
  });
});
