/**
 * Periods of work (ระยะเวลาดำเนินการ), shared by every kind that prints them
 * (common.schema.json#/$defs/period and #/$defs/periodFormat).
 *
 * An officer types a part of the fiscal year (`whole_year`, `q2`, or a Thai spelling such
 * as `ตลอดปี`), months or dates (`{ from: 2024-12, to: 2025-09 }`, Christian era), or
 * words for a period that is not a date range (`{ text: ทุกไตรมาส }`). How a range is
 * printed is the authority's choice (`period_format`): abbreviated or full month names,
 * two- or four-digit Buddhist years, the year once when both ends share it, the dash.
 */
import { applyDigits, beYear, ceYear, daysInMonth, parseIsoDate, parseIsoMonth, THAI_MONTHS, THAI_MONTHS_ABBR, type DigitStyle, type IsoDate } from '../thai/index.js';
import { canonical, canonicalOr, type EnumValue } from './spellings.js';

export type PeriodShorthand = EnumValue<'period'>;
/** A shorthand (or one of its Thai spellings), a range of months or dates, or words. */
export type PeriodInput = string | { from: string; to: string } | { text: string };

export interface PeriodFormatInput {
  months?: string;
  year_digits?: 2 | 4;
  collapse_same_year?: boolean;
  dash?: string;
}

export interface PeriodFormat {
  months: 'short' | 'full';
  yearDigits: 2 | 4;
  collapseSameYear: boolean;
  dash: string;
}

/** "ต.ค. ๖๗ – ก.ย. ๖๘": what the seeds print in narrow columns. */
export const DEFAULT_PERIOD_FORMAT: PeriodFormat = { months: 'short', yearDigits: 2, collapseSameYear: false, dash: ' \u2013 ' };

export function periodFormat(input: PeriodFormatInput | undefined): PeriodFormat {
  return {
    months: canonicalOr('months', input?.months, DEFAULT_PERIOD_FORMAT.months),
    yearDigits: input?.year_digits ?? DEFAULT_PERIOD_FORMAT.yearDigits,
    collapseSameYear: input?.collapse_same_year ?? DEFAULT_PERIOD_FORMAT.collapseSameYear,
    dash: input?.dash ?? DEFAULT_PERIOD_FORMAT.dash,
  };
}

/** A month, or a day when `day` is set (Christian-era year). */
export interface PeriodPoint {
  year: number;
  month: number;
  day?: number;
}

/** `YYYY-MM` or `YYYY-MM-DD`, or null when it is neither a real month nor a real date. */
export function parsePoint(value: string): PeriodPoint | null {
  const d = parseIsoDate(value);
  if (d) return d;
  return parseIsoMonth(value);
}

/** The first (or last) day a point covers. */
export function dayOf(p: PeriodPoint, end: boolean): IsoDate {
  if (p.day !== undefined) return { year: p.year, month: p.month, day: p.day };
  return { year: p.year, month: p.month, day: end ? daysInMonth(p.year, p.month) : 1 };
}

/** The months [from, to] of a part of fiscal year `fy` (Buddhist era). */
export function shorthandMonths(s: PeriodShorthand, fy: number): [PeriodPoint, PeriodPoint] {
  const y = ceYear(fy);
  const parts: Record<PeriodShorthand, [number, number, number, number]> = {
    whole_year: [y - 1, 10, y, 9],
    first_half: [y - 1, 10, y, 3],
    second_half: [y, 4, y, 9],
    q1: [y - 1, 10, y - 1, 12],
    q2: [y, 1, y, 3],
    q3: [y, 4, y, 6],
    q4: [y, 7, y, 9],
  };
  const [a, b, c, d] = parts[s];
  return [{ year: a, month: b }, { year: c, month: d }];
}

/** The two ends of a period, or null for words (and for values the rules reject). */
export function periodBounds(period: PeriodInput, fy: number): [PeriodPoint, PeriodPoint] | null {
  if (typeof period === 'string') {
    const s = canonical('period', period);
    return s ? shorthandMonths(s, fy) : null;
  }
  if ('text' in period) return null;
  const from = parsePoint(period.from);
  const to = parsePoint(period.to);
  return from && to ? [from, to] : null;
}

function pointText(p: PeriodPoint, f: PeriodFormat, withYear: boolean): string {
  const month = (f.months === 'full' ? THAI_MONTHS : THAI_MONTHS_ABBR)[p.month - 1]!;
  const be = beYear(p.year);
  const year = f.yearDigits === 2 ? String(be % 100).padStart(2, '0') : String(be);
  return [p.day, month, withYear ? year : undefined].filter((x) => x !== undefined).join(' ');
}

/**
 * The printed period: "ต.ค. ๖๗ – ก.ย. ๖๘", "มกราคม – มีนาคม ๒๕๖๘" (full months, four-digit
 * year, collapsed), one point when both ends are the same, or the words of `{ text }`
 * (passed through `words`, which resolves their placeholders).
 */
export function formatPeriod(period: PeriodInput, fy: number, digits: DigitStyle, format: PeriodFormat = DEFAULT_PERIOD_FORMAT, words: (text: string) => string = (t) => t): string {
  if (typeof period === 'object' && 'text' in period) return words(period.text);
  const bounds = periodBounds(period, fy);
  if (!bounds) return '';
  const [from, to] = bounds;
  const b = pointText(to, format, true);
  const sameYear = beYear(from.year) === beYear(to.year);
  const a = pointText(from, format, !(format.collapseSameYear && sameYear));
  if (pointText(from, format, true) === b) return applyDigits(b, digits);
  return applyDigits(`${a}${format.dash}${b}`, digits);
}
