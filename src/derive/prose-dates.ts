/**
 * Dates inside free text: `{{date 2025-04-01}}` prints "๑ เม.ย. ๒๕๖๘", `{{date_long …}}`
 * "๑ เมษายน ๒๕๖๘" (a month `2025-04` prints without a day). Typed as placeholders, they
 * are checked (src/validate/prose-dates.ts): a date of a result must fall in the fiscal
 * year reported. A date quoted as the date of an earlier decision (a budget ordinance,
 * a policy announced before the year) is marked `ref` — `{{date 2024-09-13 ref}}`, or
 * `อ้างอิง` — and is not a result's date.
 */
import { applyDigits, beYear, THAI_MONTHS, THAI_MONTHS_ABBR, type DigitStyle } from '../thai/index.js';
import { parsePoint, type PeriodPoint } from './period.js';

const DATE_PLACEHOLDER = /\{\{\s*(date|date_long)\s+([^{}\s]+)(?:\s+(ref|อ้างอิง))?\s*\}\}/g;

export interface ProseDate {
  /** The placeholder as typed, to point at it. */
  whole: string;
  style: 'date' | 'date_long';
  value: string;
  /** A reference to an earlier decision, not a date of the results. */
  ref: boolean;
}

export function proseDates(text: string): ProseDate[] {
  return [...text.matchAll(DATE_PLACEHOLDER)].map((m) => ({ whole: m[0], style: m[1] as ProseDate['style'], value: m[2]!, ref: m[3] !== undefined }));
}

/** "๑ เม.ย. ๒๕๖๘" (date) or "๑ เมษายน ๒๕๖๘" (date_long); a month without its day. */
export function formatPoint(p: PeriodPoint, style: ProseDate['style'], digits: DigitStyle): string {
  const month = (style === 'date_long' ? THAI_MONTHS : THAI_MONTHS_ABBR)[p.month - 1]!;
  return applyDigits([p.day, month, beYear(p.year)].filter((x) => x !== undefined).join(' '), digits);
}

/** Replaces every date placeholder with its printed form; one that is not a date stays as typed (the rules said why). */
export function formatProseDates(text: string, digits: DigitStyle): string {
  return text.replace(DATE_PLACEHOLDER, (whole, style: ProseDate['style'], value: string) => {
    const p = parsePoint(value);
    return p ? formatPoint(p, style, digits) : whole;
  });
}
