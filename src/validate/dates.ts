/**
 * Checks of ISO dates (YYYY-MM-DD, Christian era) typed in YAML, shared by the
 * kinds: a Buddhist-era year typed by habit (2567-01-10) and days that do not
 * exist (2023-02-29) are errors at the value's line, with the fix.
 */
import { bi, type Bilingual, type YamlPath } from '../diagnostics.js';
import type { KindContext } from '../kinds/kind.js';
import { daysInMonth, fiscalYearOf, formatDateLong, parseIsoDate, parseIsoMonth, type IsoDate } from '../thai/index.js';

/**
 * The fix for a date or month written with a Buddhist-era year (2567-01-10): the same value in
 * the Christian era when that is a real date or month, never another invalid one (2568-13-45
 * does not become 2025-13-45: the month and day are named as still to check).
 */
export function buddhistYearHint(value: string, unit: 'date' | 'month'): Bilingual {
  const year = Number(value.slice(0, 4));
  const fixed = `${year - 543}${value.slice(4)}`;
  if (unit === 'date' ? parseIsoDate(fixed) : parseIsoMonth(fixed)) return bi(`ใช้ ${fixed} (เครื่องมือแสดงเป็น พ.ศ. ให้เอง)`, `write ${fixed}; the tool prints the Buddhist era`);
  return unit === 'date'
    ? bi(`ใช้ปี ค.ศ. (${year - 543}) และตรวจเดือน (01–12) และวัน ซึ่งไม่มีในปฏิทินเช่นกัน`, `write the year in the Christian era (${year - 543}), and check the month (01–12) and day: they are not a calendar date either`)
    : bi(`ใช้ปี ค.ศ. (${year - 543}) และตรวจเดือน (01–12) ซึ่งไม่มีในปฏิทินเช่นกัน`, `write the year in the Christian era (${year - 543}), and check the month (01–12): it is not a calendar month either`);
}

/** The date, or null after reporting why it is not one. */
export function checkIsoDate(ctx: KindContext, path: YamlPath, value: string): IsoDate | null {
  const year = Number(value.slice(0, 4));
  if (year >= 2400) {
    ctx.problem('error', 'date/buddhist-year', path, bi(`วันที่ ${value} ใช้ปี พ.ศ. แต่ฟิลด์นี้ใช้ปี ค.ศ.`, `${value} uses a Buddhist-era year; this field takes the Christian era`), buddhistYearHint(value, 'date'));
    return null;
  }
  const parsed = parseIsoDate(value);
  if (!parsed) {
    ctx.problem('error', 'date/invalid', path, bi(`ไม่มีวันที่ ${value} ในปฏิทิน`, `${value} is not a calendar date`), bi('ตรวจเดือน (01–12) และวัน', 'check the month (01–12) and day'));
    return null;
  }
  return parsed;
}

/** Warns when a (valid) date falls outside fiscal year `fy`. */
export function warnOutsideFiscalYear(ctx: KindContext, path: YamlPath, date: IsoDate, fy: number, what: { th: string; en: string }): void {
  const actual = fiscalYearOf(date);
  if (actual === fy) return;
  ctx.problem(
    'warning',
    'date/outside-fiscal-year',
    path,
    bi(`${what.th} ${formatDateLong(date)} อยู่ในปีงบประมาณ ${actual} ไม่ใช่ปีงบประมาณ ${fy}`, `${what.en} ${formatDateLong(date, 'arabic')} is in fiscal year ${actual}, not ${fy}`),
    bi(`ปีงบประมาณ ${fy} คือ 1 ตุลาคม ${fy - 1} ถึง 30 กันยายน ${fy} (ในไฟล์เขียน ${fy - 544}-10-01 ถึง ${fy - 543}-09-30)`, `fiscal year ${fy} runs from ${fy - 544}-10-01 to ${fy - 543}-09-30`),
  );
}

/**
 * A month (YYYY-MM) or a date (YYYY-MM-DD) as the first or last day it stands for,
 * or null after reporting why it is neither.
 */
export function checkIsoMonthOrDate(ctx: KindContext, path: YamlPath, value: string, end: 'start' | 'end'): IsoDate | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return checkIsoDate(ctx, path, value);
  const year = Number(value.slice(0, 4));
  if (year >= 2400) {
    ctx.problem('error', 'date/buddhist-year', path, bi(`เดือน ${value} ใช้ปี พ.ศ. แต่ฟิลด์นี้ใช้ปี ค.ศ.`, `${value} uses a Buddhist-era year; this field takes the Christian era`), buddhistYearHint(value, 'month'));
    return null;
  }
  const month = parseIsoMonth(value);
  if (!month) {
    ctx.problem('error', 'date/invalid', path, bi(`ไม่มีเดือน ${value} ในปฏิทิน`, `${value} is not a calendar month`), bi('เดือนเขียน 01–12', 'months are 01–12'));
    return null;
  }
  return { ...month, day: end === 'start' ? 1 : daysInMonth(month.year, month.month) };
}
