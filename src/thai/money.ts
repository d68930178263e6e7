import thaiBahtTextModule from 'thai-baht-text';
import { applyDigits, toArabicDigits, type DigitStyle } from './digits.js';

/**
 * Money is held as an integer number of satang (1 baht = 100 satang) in a JS number,
 * exact up to 2^53. Nothing here does arithmetic on binary fractions of a baht.
 */

export type AmountProblem = 'not-a-number' | 'negative' | 'too-many-decimals' | 'thousands-separator' | 'too-large';

export type ParsedAmount = { ok: true; satang: number } | { ok: false; problem: AmountProblem };

/** Amounts of this many baht or more are refused (1e13 baht = 1e15 satang < 2^53). */
const MAX_BAHT_DIGITS = 13;

const DECIMAL_RE = /^(-?)(\d+)(?:\.(\d+))?$/;
const WITH_SEPARATOR_RE = /^-?[\d,]*\d[\d,]*(?:\.\d*)?$/;

function fail(problem: AmountProblem): ParsedAmount {
  return { ok: false, problem };
}

function parseDecimalString(s: string): ParsedAmount {
  const m = DECIMAL_RE.exec(s);
  if (!m) {
    if (s.includes(',') && WITH_SEPARATOR_RE.test(s)) return fail('thousands-separator');
    return fail('not-a-number');
  }
  const negative = m[1] === '-';
  const intDigits = (m[2] ?? '').replace(/^0+(?=\d)/, '');
  const fracDigits = m[3] ?? '';
  const isZero = /^0+$/.test(intDigits) && /^0*$/.test(fracDigits);
  if (negative && !isZero) return fail('negative');
  if (fracDigits.length > 2) return fail('too-many-decimals');
  if (intDigits.length > MAX_BAHT_DIGITS) return fail('too-large');
  // Both parts are integers far below 2^53, so this arithmetic is exact.
  const satang = Number(intDigits) * 100 + Number(fracDigits.padEnd(2, '0'));
  return { ok: true, satang };
}

/**
 * Parses an amount in baht given as a finite JS number or a plain decimal string
 * ("15250.75", "200000") into integer satang. Numbers are read through their shortest
 * decimal form (String(n)), never multiplied as floats. Thai digits are read as digits. Exponent forms, more than two
 * decimals, negatives, thousands separators and amounts of 1e13 baht or more are refused.
 */
export function parseAmount(v: unknown): ParsedAmount {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return fail('not-a-number');
    if (v === 0) return { ok: true, satang: 0 }; // also -0
    if (v < 0) return fail('negative');
    if (v >= 10 ** MAX_BAHT_DIGITS) return fail('too-large');
    const s = String(v);
    // Tiny numbers print in exponent form (1e-7): they have more than two decimals.
    if (/e/i.test(s)) return fail('too-many-decimals');
    return parseDecimalString(s);
  }
  if (typeof v === 'string') {
    // Thai digits (๕๐๐๐๐) are the same number.
    return parseDecimalString(toArabicDigits(v.trim()));
  }
  return fail('not-a-number');
}

function assertSatang(satang: number): void {
  if (!Number.isSafeInteger(satang)) {
    throw new RangeError(`amount must be an integer number of satang, got ${String(satang)}`);
  }
}

/** Splits a non-negative satang integer into baht and satang parts, exactly. */
function split(abs: number): { baht: number; satang: number } {
  const satang = abs % 100;
  return { baht: (abs - satang) / 100, satang };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * "๒๐๐,๐๐๐.๐๐" (decimals: true, the default) or "๑,๒๕๐,๐๐๐" (decimals: false; two
 * decimals are still shown when the satang part is not zero). Negative amounts get a leading "-".
 */
export function formatMoney(satang: number, opts?: { digits?: DigitStyle; decimals?: boolean }): string {
  assertSatang(satang);
  const digits = opts?.digits ?? 'thai';
  const decimals = opts?.decimals ?? true;
  const sign = satang < 0 ? '-' : '';
  const parts = split(Math.abs(satang));
  let text = sign + groupThousands(String(parts.baht));
  if (decimals || parts.satang !== 0) text += '.' + String(parts.satang).padStart(2, '0');
  return applyDigits(text, digits);
}

// thai-baht-text is CommonJS and sets module.exports to the function itself, so under Node's
// ESM loader only the default import is that function (its named exports are lost when
// module.exports is replaced). Its index.d.ts however types the default import as the
// namespace; hence the cast, with a fallback in case a bundler hands us the namespace.
type BahtTextFn = (input: string | number) => string;
const ThaiBahtText: BahtTextFn = (() => {
  const mod = thaiBahtTextModule as unknown as BahtTextFn | { ThaiBahtText?: BahtTextFn; default?: BahtTextFn };
  if (typeof mod === 'function') return mod;
  const fn = mod.ThaiBahtText ?? mod.default;
  if (typeof fn !== 'function') throw new Error('thai-baht-text: unexpected module shape');
  return fn;
})();

const WHOLE = 'ถ้วน';

/**
 * Thai reading of an amount (Royal Institute style):
 * 1250000 baht → "หนึ่งล้านสองแสนห้าหมื่นบาทถ้วน", 0.75 → "เจ็ดสิบห้าสตางค์",
 * 0 → "ศูนย์บาทถ้วน", negatives → "ลบ…".
 *
 * Wraps thai-baht-text, but feeds it the baht part and the satang part separately as exact
 * integer strings (so no float parsing, rounding or truncation happens inside it) and handles
 * zero and negatives itself.
 */
export function bahtText(satang: number): string {
  assertSatang(satang);
  if (satang === 0) return 'ศูนย์บาท' + WHOLE;
  if (satang < 0) return 'ลบ' + bahtText(-satang);
  const parts = split(satang);
  let text = '';
  if (parts.baht > 0) {
    // For an integer the library returns "<reading>บาทถ้วน".
    text = ThaiBahtText(String(parts.baht));
    if (parts.satang !== 0 && text.endsWith(WHOLE)) text = text.slice(0, -WHOLE.length);
  }
  if (parts.satang !== 0) {
    // "0.05" → "ห้าสตางค์"; the satang part is read as a two-digit number.
    text += ThaiBahtText('0.' + String(parts.satang).padStart(2, '0'));
  }
  return text;
}

/** "๑,๒๕๐,๐๐๐ บาท (หนึ่งล้านสองแสนห้าหมื่นบาทถ้วน)" */
export function formatBaht(satang: number, style: DigitStyle = 'thai'): string {
  return `${formatMoney(satang, { digits: style, decimals: false })} บาท (${bahtText(satang)})`;
}
