/**
 * Reproducible every time (issue 9): the examples built ten times, in batches that print
 * them in different orders and with different job counts (so each document lands on a page
 * that printed something else before, or on a fresh one), give the same bytes every time.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDir } from '../helpers.js';

const EXAMPLES = [
  'examples/lampang-pao/plan-2566-2570.yaml',
  'examples/lampang-pao/measures-2567.yaml',
  'examples/lampang-city/results-2565.yaml',
  'examples/lopburi-city/results-2568.yaml',
].map((f) => join(ROOT, f));

describe('reproducible builds', () => {
  it('gives the same bytes in ten batches of different orders and job counts', () => {
    const dir = tempDir('repro-');
    const hashes = new Map<string, Set<string>>();
    for (let run = 0; run < 10; run++) {
      // Rotated, and reversed every other run: each document is printed first, last and between.
      const rotated = [...EXAMPLES.slice(run % 4), ...EXAMPLES.slice(0, run % 4)];
      const order = run % 2 === 0 ? rotated : rotated.reverse();
      const out = join(dir, `run-${run}`);
      const result = runCli(['build', ...order, '-o', out, '--jobs', String((run % 4) + 1)]);
      expect(result.status, result.stderr).toBe(0);
      for (const pdf of readdirSync(out).filter((f) => f.endsWith('.pdf'))) {
        const set = hashes.get(pdf) ?? new Set<string>();
        set.add(createHash('sha256').update(readFileSync(join(out, pdf))).digest('hex'));
        hashes.set(pdf, set);
      }
    }
    expect([...hashes.keys()].sort()).toEqual(['measures-2567.pdf', 'plan-2566-2570.pdf', 'results-2565.pdf', 'results-2568.pdf']);
    for (const [pdf, set] of hashes) expect(set.size, pdf).toBe(1);
  });
});
