/**
 * The progress bar on a terminal: what is printed while it shows (each document's line,
 * the warnings of a good document) lands on lines of its own, never into the bar's line,
 * and nothing is left of the bar when the run ends. Checked on a small terminal emulator
 * that both streams write to, as stdout and stderr share one terminal window.
 */
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { Progress } from '../../src/cli/progress.js';
import type { Outcome } from '../../src/batch/run.js';
import { formatDiagnostics } from '../../src/cli/report.js';
import { bi } from '../../src/diagnostics.js';

/** Enough of a terminal for a progress bar: \r, \n, ESC[K (clear to the end of the line) and text. */
class Screen {
  lines: string[] = [''];
  private col = 0;
  feed(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      const row = this.lines.length - 1;
      if (c === '\r') this.col = 0;
      else if (c === '\n') {
        this.lines.push('');
        this.col = 0;
      } else if (text.startsWith('\x1b[K', i)) {
        this.lines[row] = this.lines[row]!.slice(0, this.col);
        i += 2;
      } else {
        const line = this.lines[row]!.padEnd(this.col);
        this.lines[row] = line.slice(0, this.col) + c + line.slice(this.col + 1);
        this.col++;
      }
    }
  }
}

function terminal(screen: Screen, tty: boolean) {
  const stream = () => Object.assign(new Writable({ write(chunk, _enc, done) { screen.feed(chunk.toString()); done(); } }), { isTTY: tty, columns: 100 });
  return { out: stream(), err: stream() };
}

const outcome = (name: string, warnings: number): Outcome => ({
  input: `/docs/${name}.yaml`,
  output: `/docs/${name}.pdf`,
  status: 'built',
  pages: 3,
  ms: 1200,
  retried: false,
  diagnostics: Array.from({ length: warnings }, (_, i) => ({ severity: 'warning' as const, code: 'placeholder/leftover', file: `/docs/${name}.yaml`, line: 10 + i, column: 3, path: ['preface'], message: bi(`ยังมีข้อความตัวอย่าง ${i}`, `starter text left ${i}`) })),
});

describe('Progress on a terminal', () => {
  it('prints every line on a line of its own, never into the bar, and clears the bar at the end', async () => {
    const screen = new Screen();
    const progress = new Progress(3, 'th', 'auto', terminal(screen, true));
    const sent: string[] = [];
    for (const [i, name] of ['a', 'b', 'c'].entries()) {
      progress.start({ file: `/docs/${name}.yaml`, relativeOutput: `${name}.pdf` });
      // The bar is on screen while the document prints.
      expect(screen.lines.at(-1)).toMatch(/\[[█░]+\] \d\/3/);
      const o = outcome(name, i);
      progress.finish(o);
      for (const line of formatDiagnostics(o.diagnostics, 'th')) {
        progress.print(line, 'err');
        sent.push(...line.split('\n'));
      }
    }
    progress.end();
    const shown = screen.lines.filter((l) => l !== '');
    // No trace of the bar is left, and every warning line reads exactly as sent.
    expect(shown.some((l) => /[█░]/.test(l))).toBe(false);
    for (const line of sent) expect(shown).toContain(line);
    expect(shown.filter((l) => l.startsWith('✓ '))).toHaveLength(3);
  });

  it('draws nothing but the lines when the output is a log, not a terminal', () => {
    const screen = new Screen();
    const progress = new Progress(1, 'en', 'auto', terminal(screen, false));
    progress.start({ file: '/docs/a.yaml', relativeOutput: 'a.pdf' });
    progress.finish(outcome('a', 1));
    progress.end();
    expect(screen.lines.join('\n')).not.toMatch(/[█░\x1b]/);
    expect(screen.lines[0]).toMatch(/^✓ .*a\.yaml → .*a\.pdf \(3 pages, 1\.2 s\)$/);
  });
});
