/**
 * The figures of a progress report, computed from the plan and what the officer
 * reported: counts per status, budget planned and spent per dimension and in total,
 * and their percentages. Money stays in integer satang throughout.
 *
 * Percentages are kept as integer hundredths of a percent and rounded once, half up,
 * from the exact ratio (1/8 → 12.50, 1/800 → 0.13, 2/3 → 66.67): a total row's
 * percentage is computed from the totals, never averaged from the rows above it.
 */
import { formatHundredths, type DigitStyle } from '../../thai/index.js';
import type { Status } from './input.js';

/** What one project of the year contributes. */
export interface ProjectFigures {
  dimension: number;
  status: Status;
  /** Satang planned for the fiscal year (0 without a budget). */
  planned: number;
  /** Satang spent (0 when nothing was reported). */
  spent: number;
}

export interface Tally {
  /** Projects of the year. */
  projects: number;
  counts: Record<Status, number>;
  planned: number;
  spent: number;
}

function emptyTally(): Tally {
  return { projects: 0, counts: { done: 0, in_progress: 0, not_started: 0, cancelled: 0 }, planned: 0, spent: 0 };
}

/** One tally per dimension (every dimension of the plan, also those with no project this year) and the total. */
export function tally(projects: readonly ProjectFigures[], dimensions: number): { dimensions: Tally[]; total: Tally } {
  const perDimension = Array.from({ length: dimensions }, emptyTally);
  const total = emptyTally();
  for (const p of projects) {
    for (const t of [perDimension[p.dimension]!, total]) {
      t.projects += 1;
      t.counts[p.status] += 1;
      t.planned += p.planned;
      t.spent += p.spent;
    }
  }
  return { dimensions: perDimension, total };
}

/**
 * `part / whole` as integer hundredths of a percent, rounded half up; undefined when
 * `whole` is 0 (a percentage of nothing is printed "-"). BigInt keeps it exact for
 * any amount in satang.
 */
export function percent(part: number, whole: number): number | undefined {
  if (whole === 0) return undefined;
  const p = BigInt(part);
  const w = BigInt(whole);
  return Number((p * 20000n + w) / (2n * w));
}

/** "92.50" (two decimals) in the document's digits; "-" for no percentage. */
export function formatPercent(hundredths: number | undefined, digits: DigitStyle): string {
  return hundredths === undefined ? '-' : formatHundredths(hundredths, digits);
}
