/**
 * Reading a date the way Thai officers write it — `1 ต.ค. 2567`, `๑ ตุลาคม ๒๕๖๗`, `ต.ค. 67`,
 * `15/10/2567` — as a calendar date or month in the Christian era, so that a document can
 * store the ISO form (`2024-10-01`) the rest of the tool works with.
 *
 * Years: after "พ.ศ." or from 2400 on they are Buddhist-era; after "ค.ศ." or below 2400
 * Christian-era; two digits are the short Buddhist-era year (67 = 2567), as in official
 * Thai writing. A numeric date whose day and month could be swapped (1/10/2567) is read
 * day first, as Thai writing does, but marked `guessed`.
 */
import { ceYear, daysInMonth, formatDateLong, formatMonthYear, THAI_MONTHS, THAI_MONTHS_ABBR } from './calendar.js';
import { toArabicDigits } from './digits.js';

export interface ThaiDateReading {
  /** Christian-era year. */
  year: number;
  month: number;
  /** Absent when only a month was written (`ต.ค. 67`). */
  day?: number;
  /** The order of day and month was a guess (both could be either). */
  guessed: boolean;
}

/** "ต.ค." → "ตค": abbreviations are compared without their dots and spaces. */
const bare = (s: string) => s.replace(/[.\s]/g, '');

/** Month names as written: full, abbreviated with or without dots. Longest first, so "มีนาคม" is not read as "มี.ค.". */
const MONTH_WORDS: [word: string, month: number][] = [
  ...THAI_MONTHS.map((m, i) => [m, i + 1] as [string, number]),
  ...THAI_MONTHS_ABBR.map((m, i) => [bare(m), i + 1] as [string, number]),
].sort((a, b) => b[0].length - a[0].length);

function monthOf(word: string): number | undefined {
  const w = bare(word);
  return MONTH_WORDS.find(([name]) => name === w)?.[1];
}

function yearOf(digits: string, era: string | undefined): number | undefined {
  const n = Number(digits);
  if (digits.length === 2) return era === 'ค.ศ.' ? undefined : ceYear(2500 + n);
  if (digits.length !== 4) return undefined;
  if (era === 'พ.ศ.') return ceYear(n);
  if (era === 'ค.ศ.') return n;
  return n >= 2400 ? ceYear(n) : n;
}

function valid(r: ThaiDateReading): ThaiDateReading | null {
  if (r.year < 1800 || r.year > 2300 || r.month < 1 || r.month > 12) return null;
  if (r.day !== undefined && (r.day < 1 || r.day > daysInMonth(r.year, r.month))) return null;
  return r;
}

const ERA = '(พ\\.ศ\\.|ค\\.ศ\\.)?\\s*';
const MONTH = '([\\u0E01-\\u0E4E.]+)';
/** `วันที่ 1 ต.ค. พ.ศ. 2567`, `1 ตุลาคม 2567`, `1ต.ค.67` */
const DAY_MONTH_YEAR = new RegExp(`^(?:วันที่\\s*)?(\\d{1,2})\\s*${MONTH}\\s*${ERA}(\\d{4}|\\d{2})$`);
/** `ต.ค. 67`, `ตุลาคม 2567`, `เดือนตุลาคม พ.ศ. 2567` */
const MONTH_YEAR = new RegExp(`^(?:เดือน\\s*)?${MONTH}\\s*${ERA}(\\d{4}|\\d{2})$`);
/** `15/10/2567`, `1-10-67`, `1.10.2567` (not ISO: the year comes last). */
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;

/**
 * The date or month `text` stands for, or null when it is not a date written the Thai way
 * (ISO text is left to the ISO checks: `2024-10-01` gives null here).
 */
export function readThaiDate(text: string): ThaiDateReading | null {
  const s = toArabicDigits(text).replace(/\s+/g, ' ').trim();
  let m = DAY_MONTH_YEAR.exec(s);
  if (m) {
    const month = monthOf(m[2]!);
    const year = yearOf(m[4]!, m[3]);
    return month && year ? valid({ year, month, day: Number(m[1]), guessed: false }) : null;
  }
  m = MONTH_YEAR.exec(s);
  if (m) {
    const month = monthOf(m[1]!);
    const year = yearOf(m[3]!, m[2]);
    return month && year ? valid({ year, month, guessed: false }) : null;
  }
  m = NUMERIC.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    const year = yearOf(m[4]!, undefined);
    if (!year) return null;
    // Day first, as written in Thai; the other order is possible only when both are 1–12.
    return valid({ year, month: b, day: a, guessed: a !== b && a <= 12 && b <= 12 });
  }
  return null;
}

/** `2024-10-01`, or `2024-10` for a month (a reading, or any IsoDate). */
export function isoOf(r: { year: number; month: number; day?: number }): string {
  const mm = String(r.month).padStart(2, '0');
  return r.day === undefined ? `${r.year}-${mm}` : `${r.year}-${mm}-${String(r.day).padStart(2, '0')}`;
}

/** `1 ตุลาคม 2567` or `ตุลาคม 2567` (Arabic digits, as typed), to say which date a hint means. */
export function thaiReadingOf(r: ThaiDateReading): string {
  return r.day === undefined ? formatMonthYear(r.year, r.month, 'arabic') : formatDateLong({ year: r.year, month: r.month, day: r.day }, 'arabic');
}
