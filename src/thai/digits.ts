/** Digit styles used in documents: Thai digits (official default) or Arabic digits. */
export type DigitStyle = 'thai' | 'arabic';

const THAI_ZERO = 0x0e50; // ๐

/** Replaces ASCII digits 0-9 with Thai digits ๐-๙; everything else is kept. */
export function toThaiDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(THAI_ZERO + d.charCodeAt(0) - 0x30));
}

/** Replaces Thai digits ๐-๙ with ASCII digits 0-9; everything else is kept. */
export function toArabicDigits(s: string): string {
  return s.replace(/[\u0e50-\u0e59]/g, (d) => String.fromCharCode(0x30 + d.charCodeAt(0) - THAI_ZERO));
}

/** Converts every digit of `s` to the given style. */
export function applyDigits(s: string, style: DigitStyle): string {
  return style === 'arabic' ? toArabicDigits(s) : toThaiDigits(s);
}

/**
 * A figure kept in integer hundredths (a score, a percentage) with its two decimals:
 * 8828 → "๘๘.๒๘", 5 → "๐.๐๕". Integers, so no binary fraction ever rounds it.
 */
export function formatHundredths(hundredths: number, style: DigitStyle): string {
  return applyDigits(`${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`, style);
}
