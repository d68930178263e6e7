/** A long-running CLI process for tests (build --watch, preview): its output lines and a way to wait for one. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CLI } from './helpers.js';

export interface Line {
  stream: 'out' | 'err';
  text: string;
  /** performance.now() when it arrived. */
  at: number;
}

export class CliProcess {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly lines: Line[] = [];
  readonly started = performance.now();
  private readonly partial = { out: '', err: '' };
  private readonly listeners = new Set<() => void>();
  exitCode: number | null | undefined;
  private readonly exited: Promise<number | null>;

  /** `command`: what runs the CLI (default node with bin/ita-report.js); the arguments follow it. */
  constructor(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; command?: string[] } = {}) {
    const [cmd, ...pre] = opts.command ?? [process.execPath, CLI];
    this.proc = spawn(cmd!, [...pre, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env } });
    const take = (stream: 'out' | 'err') => (chunk: Buffer) => {
      const parts = (this.partial[stream] + chunk.toString('utf8')).split('\n');
      this.partial[stream] = parts.pop() ?? '';
      for (const text of parts) this.lines.push({ stream, text, at: performance.now() });
      for (const l of [...this.listeners]) l();
    };
    this.proc.stdout.on('data', take('out'));
    this.proc.stderr.on('data', take('err'));
    this.exited = new Promise((resolve) => {
      this.proc.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        for (const l of [...this.listeners]) l();
        resolve(code);
      });
    });
  }

  /** All output so far, for failure messages. */
  get output(): string {
    return this.lines.map((l) => `${l.stream === 'err' ? '! ' : ''}${l.text}`).join('\n');
  }

  /** The first line at index ≥ `from` matching `pattern` (waits up to `timeoutMs`). */
  waitFor(pattern: RegExp, from = 0, timeoutMs = 120_000): Promise<Line & { index: number }> {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let i = from; i < this.lines.length; i++) {
          if (pattern.test(this.lines[i]!.text)) {
            cleanup();
            resolve({ ...this.lines[i]!, index: i });
            return;
          }
        }
        if (this.exitCode !== undefined) {
          cleanup();
          reject(new Error(`the process ended (${this.exitCode}) before ${pattern}:\n${this.output}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${pattern}:\n${this.output}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** The exit code, once the process ends by itself. */
  exit(): Promise<number | null> {
    return this.exited;
  }

  /** Ctrl+C, then the exit code. */
  async interrupt(timeoutMs = 20_000): Promise<number | null> {
    if (this.exitCode === undefined) this.proc.kill('SIGINT');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
