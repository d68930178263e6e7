import { beYear, ceYear, THAI_MONTHS_ABBR, toIsoDate, formatDateLong, type IsoDate } from './calendar.js';
import { applyDigits, type DigitStyle } from './digits.js';

/** Thai fiscal year (BE) of a date: FY N runs 1 Oct (N−1) to 30 Sep N. */
export function fiscalYearOf(d: IsoDate | string): number {
  const date = toIsoDate(d);
  return date.month >= 10 ? beYear(date.year) + 1 : beYear(date.year);
}

/** Quarter of the fiscal year: Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep. */
export function fiscalQuarterOf(d: IsoDate | string): 1 | 2 | 3 | 4 {
  const date = toIsoDate(d);
  if (date.month >= 10) return 1;
  if (date.month <= 3) return 2;
  if (date.month <= 6) return 3;
  return 4;
}

/** 1 Oct (N−1) – 30 Sep N, as CE dates. */
export function fiscalYearRange(fyBE: number): { start: IsoDate; end: IsoDate } {
  const endCE = ceYear(fyBE);
  return { start: { year: endCE - 1, month: 10, day: 1 }, end: { year: endCE, month: 9, day: 30 } };
}

/** The "รอบ ๖ เดือน" of a fiscal year: 1 Oct (N−1) – 31 Mar N, as CE dates. */
export function sixMonthRange(fyBE: number): { start: IsoDate; end: IsoDate } {
  const endCE = ceYear(fyBE);
  return { start: { year: endCE - 1, month: 10, day: 1 }, end: { year: endCE, month: 3, day: 31 } };
}

/** True when the date falls within fiscal year fyBE. */
export function isInFiscalYear(d: IsoDate | string, fyBE: number): boolean {
  return fiscalYearOf(d) === fyBE;
}

function twoDigitYear(be: number): string {
  return String(((be % 100) + 100) % 100).padStart(2, '0');
}

function abbrMonthYear(ceY: number, month: number): string {
  const name = THAI_MONTHS_ABBR[month - 1];
  if (name === undefined) throw new RangeError(`month out of range: ${month}`);
  return `${name} ${twoDigitYear(beYear(ceY))}`;
}

/** "ต.ค. ๖๗ – ก.ย. ๖๘" */
export function formatFiscalPeriodShort(fyBE: number, style: DigitStyle = 'thai'): string {
  const endCE = ceYear(fyBE);
  return applyDigits(`${abbrMonthYear(endCE - 1, 10)} \u2013 ${abbrMonthYear(endCE, 9)}`, style);
}

/** "๑ ตุลาคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๘" */
export function formatFiscalPeriodLong(fyBE: number, style: DigitStyle = 'thai'): string {
  const { start, end } = fiscalYearRange(fyBE);
  return `${formatDateLong(start, style)} \u2013 ${formatDateLong(end, style)}`;
}

/** "ต.ค. ๖๗ – มี.ค. ๖๘" from CE year/month pairs; a single "ต.ค. ๖๗" when both are the same month. */
export function formatMonthSpan(
  from: { year: number; month: number },
  to: { year: number; month: number },
  style: DigitStyle = 'thai',
): string {
  const a = abbrMonthYear(from.year, from.month);
  const b = abbrMonthYear(to.year, to.month);
  return applyDigits(a === b ? a : `${a} \u2013 ${b}`, style);
}
