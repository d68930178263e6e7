import { applyDigits, type DigitStyle } from './digits.js';

/** Full Thai month names, index 0 = January. */
export const THAI_MONTHS: readonly string[] = Object.freeze([
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
]);

/** Abbreviated Thai month names, index 0 = January. */
export const THAI_MONTHS_ABBR: readonly string[] = Object.freeze([
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
]);

const BE_OFFSET = 543;

/** Buddhist Era year of a Common Era year (พ.ศ. = ค.ศ. + 543). */
export function beYear(ce: number): number {
  return ce + BE_OFFSET;
}

/** Common Era year of a Buddhist Era year. */
export function ceYear(be: number): number {
  return be - BE_OFFSET;
}

/** A calendar date in the Common Era (proleptic Gregorian); month is 1-12. */
export interface IsoDate {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** The date as one number (2024-10-01 → 20241001) that orders dates as the calendar does. */
export function dayNumber(d: IsoDate): number {
  return d.year * 10000 + d.month * 100 + d.day;
}

/** Number of days of a month (CE year, month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  const d = DAYS_IN_MONTH[month - 1];
  if (d === undefined) throw new RangeError(`month out of range: ${month}`);
  return d;
}

function isValidYearMonth(year: number, month: number): boolean {
  return (
    Number.isInteger(year) && year >= 1 && year <= 9999 && Number.isInteger(month) && month >= 1 && month <= 12
  );
}

/** True when the object names a real calendar date. */
export function isValidIsoDate(d: IsoDate): boolean {
  return (
    isValidYearMonth(d.year, d.month) &&
    Number.isInteger(d.day) &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

/**
 * Parses a strict "YYYY-MM-DD" string (CE) into its parts.
 * Returns null for any other shape or for a date that does not exist (2023-02-29, 2024-13-01).
 * Never goes through JS Date, so no timezone can shift the day.
 */
export function parseIsoDate(s: string): IsoDate | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d: IsoDate = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidIsoDate(d) ? d : null;
}

/** Parses a strict "YYYY-MM" string (CE); null when malformed or month not 1-12. */
export function parseIsoMonth(s: string): { year: number; month: number } | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return isValidYearMonth(year, month) ? { year, month } : null;
}

/** Accepts an IsoDate or a "YYYY-MM-DD" string; throws RangeError when it is not a real date. */
export function toIsoDate(d: IsoDate | string): IsoDate {
  if (typeof d === 'string') {
    const parsed = parseIsoDate(d);
    if (!parsed) throw new RangeError(`not a valid date (expected YYYY-MM-DD): ${JSON.stringify(d)}`);
    return parsed;
  }
  if (!isValidIsoDate(d)) throw new RangeError(`not a valid date: ${JSON.stringify(d)}`);
  return d;
}

function monthName(month: number, names: readonly string[]): string {
  const name = names[month - 1];
  if (name === undefined) throw new RangeError(`month out of range: ${month}`);
  return name;
}

/** "๑ ตุลาคม ๒๕๖๗" */
export function formatDateLong(d: IsoDate | string, style: DigitStyle = 'thai'): string {
  const date = toIsoDate(d);
  return applyDigits(`${date.day} ${monthName(date.month, THAI_MONTHS)} ${beYear(date.year)}`, style);
}

/** "๑ ต.ค. ๒๕๖๗" (arabic: "1 ต.ค. 2567") */
export function formatDateShort(d: IsoDate | string, style: DigitStyle = 'thai'): string {
  const date = toIsoDate(d);
  return applyDigits(`${date.day} ${monthName(date.month, THAI_MONTHS_ABBR)} ${beYear(date.year)}`, style);
}

/** "กันยายน ๒๕๖๕" — y is a CE year, m is 1-12. */
export function formatMonthYear(y: number, m: number, style: DigitStyle = 'thai'): string {
  return applyDigits(`${monthName(m, THAI_MONTHS)} ${beYear(y)}`, style);
}

/** "พ.ศ. ๒๕๖๖ – ๒๕๗๐" (en dash with spaces); "พ.ศ. ๒๕๖๖" when both years are equal. */
export function formatYearRange(fromBE: number, toBE: number, style: DigitStyle = 'thai'): string {
  const text = fromBE === toBE ? `พ.ศ. ${fromBE}` : `พ.ศ. ${fromBE} \u2013 ${toBE}`;
  return applyDigits(text, style);
}
