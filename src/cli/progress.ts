/**
 * What a build shows while it runs: a progress bar on a terminal, one line per
 * document in a log (CI), nothing but the final JSON with --json.
 *
 * The bar is our own rather than a package's: everything printed while it is shown goes
 * through `print`, which wipes the bar's line first and redraws it after, synchronously.
 * cli-progress (the usual package) prints lines above its bars only from a buffer flushed
 * on its next redraw: three lines logged and then stop() reached the terminal as zero
 * lines of three in our trial, and its log goes to the bar's stream, not to stdout.
 */
import type { Lang } from '../diagnostics.js';
import type { Input } from '../batch/inputs.js';
import type { Outcome } from '../batch/run.js';
import { count, display, summaryLine } from './report.js';


function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function counted(o: Outcome, lang: Lang): string {
  const c = count(o.diagnostics);
  return summaryLine(c.errors, c.warnings, lang);
}

export function outcomeLine(o: Outcome, lang: Lang): string {
  const secs = (o.ms / 1000).toFixed(1);
  switch (o.status) {
    case 'built':
      return `✓ ${display(o.input)} → ${display(o.output!)} (${lang === 'th' ? `${o.pages} หน้า, ${secs} วินาที` : `${o.pages} pages, ${secs} s`}${o.retried ? (lang === 'th' ? ', พิมพ์ซ้ำหลังเบราว์เซอร์ขัดข้อง' : ', retried after a browser failure') : ''})`;
    case 'up-to-date':
      return `= ${display(o.input)} → ${display(o.output!)} (${lang === 'th' ? 'ไม่มีการเปลี่ยนแปลง ไม่ต้องสร้างใหม่' : 'up to date'})`;
    case 'valid':
      return `✓ ${display(o.input)}${lang === 'th' ? ' ถูกต้อง' : ' is valid'} (${counted(o, lang)})`;
    case 'invalid':
      return `✗ ${display(o.input)} (${lang === 'th' ? 'ข้อมูลไม่ถูกต้อง' : 'invalid'})`;
    case 'failed':
      return `✗ ${display(o.input)} (${lang === 'th' ? 'สร้าง PDF ไม่สำเร็จ' : 'failed'})`;
  }
}

/** Where the lines go: stdout and stderr, or a test's streams. */
export interface Streams {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export class Progress {
  private done = 0;
  private readonly started = performance.now();
  private current = '';
  private readonly tty: boolean;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly lang: Lang,
    private readonly mode: 'auto' | 'json',
    private readonly streams: Streams = { out: process.stdout, err: process.stderr },
  ) {
    this.tty = mode === 'auto' && Boolean(streams.err.isTTY);
  }

  start(input: Input): void {
    this.current = display(input.file);
    if (this.tty) this.draw();
  }

  /** A line for the log (an outcome, a diagnostic): on its own line, never into the bar's. */
  print(text: string, stream: 'out' | 'err'): void {
    if (this.mode === 'json') return;
    this.wipe();
    this.streams[stream].write(`${text}\n`);
    if (this.tty && this.done < this.total && this.current !== '') this.draw();
  }

  finish(outcome: Outcome): void {
    this.done++;
    this.print(outcomeLine(outcome, this.lang), 'out');
  }

  end(): void {
    this.wipe();
  }

  private wipe(): void {
    if (this.drawn) this.streams.err.write('\r\x1b[K');
    this.drawn = false;
  }

  private draw(): void {
    const width = 24;
    const filled = Math.round((this.done / this.total) * width);
    const elapsed = performance.now() - this.started;
    const left = this.done > 0 ? (elapsed / this.done) * (this.total - this.done) : undefined;
    const eta = left === undefined ? '' : this.lang === 'th' ? ` เหลือ ~${clock(left)}` : ` ~${clock(left)} left`;
    const head = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${this.done}/${this.total} ${clock(elapsed)}${eta}  `;
    // A bar longer than the terminal would wrap, and the next wipe would leave its first half behind.
    const room = Math.max(10, (this.streams.err.columns ?? 80) - head.length - 1);
    const name = this.current.length > room ? `…${this.current.slice(-(room - 1))}` : this.current;
    this.streams.err.write(`\r\x1b[K${head}${name}`);
    this.drawn = true;
  }
}
