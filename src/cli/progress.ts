/**
 * What a build shows while it runs: a progress bar on a terminal, one line per
 * document in a log (CI), nothing but the final JSON with --json.
 */
import { relative } from 'node:path';
import type { Lang } from '../diagnostics.js';
import type { Input } from '../batch/inputs.js';
import type { Outcome } from '../batch/run.js';

export function display(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function outcomeLine(o: Outcome, lang: Lang): string {
  const secs = (o.ms / 1000).toFixed(1);
  switch (o.status) {
    case 'built':
      return `✓ ${display(o.input)} → ${display(o.output!)} (${lang === 'th' ? `${o.pages} หน้า, ${secs} วินาที` : `${o.pages} pages, ${secs} s`}${o.retried ? (lang === 'th' ? ', พิมพ์ซ้ำหลังเบราว์เซอร์ขัดข้อง' : ', retried after a browser failure') : ''})`;
    case 'up-to-date':
      return `= ${display(o.input)} → ${display(o.output!)} (${lang === 'th' ? 'ไม่มีการเปลี่ยนแปลง ไม่ต้องสร้างใหม่' : 'up to date'})`;
    case 'invalid':
      return `✗ ${display(o.input)} (${lang === 'th' ? 'ข้อมูลไม่ถูกต้อง' : 'invalid'})`;
    case 'failed':
      return `✗ ${display(o.input)} (${lang === 'th' ? 'สร้าง PDF ไม่สำเร็จ' : 'failed'})`;
  }
}

export class Progress {
  private done = 0;
  private readonly started = performance.now();
  private current = '';
  private readonly tty: boolean;

  constructor(
    private readonly total: number,
    private readonly lang: Lang,
    private readonly mode: 'auto' | 'json',
  ) {
    this.tty = mode === 'auto' && Boolean(process.stderr.isTTY);
  }

  start(input: Input): void {
    this.current = display(input.file);
    if (this.tty) this.draw();
  }

  finish(outcome: Outcome): void {
    this.done++;
    if (this.mode === 'json') return;
    if (this.tty) process.stderr.write('\r\x1b[K');
    process.stdout.write(`${outcomeLine(outcome, this.lang)}\n`);
    if (this.tty && this.done < this.total) this.draw();
  }

  end(): void {
    if (this.tty) process.stderr.write('\r\x1b[K');
  }

  private draw(): void {
    const width = 24;
    const filled = Math.round((this.done / this.total) * width);
    const elapsed = performance.now() - this.started;
    const left = this.done > 0 ? (elapsed / this.done) * (this.total - this.done) : undefined;
    const eta = left === undefined ? '' : this.lang === 'th' ? ` เหลือ ~${clock(left)}` : ` ~${clock(left)} left`;
    const name = this.current.length > 40 ? `…${this.current.slice(-39)}` : this.current;
    process.stderr.write(`\r\x1b[K[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${this.done}/${this.total} ${clock(elapsed)}${eta}  ${name}`);
  }
}
