import { describe, it, expect } from 'vitest';
import { parseAmount, formatMoney, bahtText, formatBaht, type AmountProblem } from '../../src/thai/index.js';
// Seeded, so a failure can be reproduced.
import { seededRandom } from '../../bench/random.js';

/** Random satang with a spread of magnitudes (1 digit … 15 digits, i.e. < 1e13 baht). */
function randomSatang(r: () => number): number {
  const digits = 1 + Math.floor(r() * 15);
  return Math.floor(r() * 10 ** digits);
}

describe('parseAmount', () => {
  const good: [unknown, number][] = [
    [0, 0],
    [-0, 0],
    ['0', 0],
    ['-0', 0],
    ['0.00', 0],
    [1, 100],
    [200000, 20000000],
    ['200000', 20000000],
    [15250.75, 1525075],
    ['15250.75', 1525075],
    [0.01, 1],
    ['0.01', 1],
    [0.1, 10],
    ['0.1', 10],
    [0.29, 29],
    [1.15, 115],
    [4.35, 435], // 4.35 * 100 === 434.99999999999994
    [1250000, 125000000],
    ['1250000.5', 125000050],
    ['007', 700],
    [' 12.50 ', 1250],
    [9999999999999.99, 999999999999999],
    ['9999999999999.99', 999999999999999],
    // Thai digits, as officers type them (issue 11).
    ['๑๐๐', 10000],
    ['๑๕๒๕๐.๗๕', 1525075],
  ];
  for (const [input, satang] of good) {
    it(`accepts ${typeof input} ${String(input)}`, () => {
      expect(parseAmount(input)).toEqual({ ok: true, satang });
    });
  }

  it('returns 0 (not -0) for -0', () => {
    const r = parseAmount(-0);
    expect(r.ok && Object.is(r.satang, 0)).toBe(true);
    const s = parseAmount('-0.00');
    expect(s.ok && Object.is(s.satang, 0)).toBe(true);
  });

  const bad: [unknown, AmountProblem][] = [
    [1e21, 'too-large'],
    [1e13, 'too-large'],
    ['10000000000000', 'too-large'],
    ['1e21', 'not-a-number'],
    ['1e3', 'not-a-number'],
    ['1E3', 'not-a-number'],
    [0.999, 'too-many-decimals'],
    ['0.999', 'too-many-decimals'],
    [1e-7, 'too-many-decimals'],
    ['1.500', 'too-many-decimals'],
    ['200,000', 'thousands-separator'],
    ['1,250,000.00', 'thousands-separator'],
    ['200,000.5', 'thousands-separator'],
    [-1, 'negative'],
    ['-1', 'negative'],
    [-0.01, 'negative'],
    ['-550.25', 'negative'],
    [-1e21, 'negative'],
    ['abc', 'not-a-number'],
    ['', 'not-a-number'],
    ['   ', 'not-a-number'],
    ['.5', 'not-a-number'],
    ['5.', 'not-a-number'],
    ['1.2.3', 'not-a-number'],
    ['+5', 'not-a-number'],
    ['๕๐,๐๐๐', 'thousands-separator'],
    ['0x10', 'not-a-number'],
    ['Infinity', 'not-a-number'],
    ['NaN', 'not-a-number'],
    [NaN, 'not-a-number'],
    [Infinity, 'not-a-number'],
    [-Infinity, 'not-a-number'],
    [null, 'not-a-number'],
    [undefined, 'not-a-number'],
    [true, 'not-a-number'],
    [{}, 'not-a-number'],
    [[100], 'not-a-number'],
  ];
  for (const [input, problem] of bad) {
    it(`rejects ${typeof input} ${String(input)} as ${problem}`, () => {
      expect(parseAmount(input)).toEqual({ ok: false, problem });
    });
  }

  it('round-trips 2,000 random satang values through toFixed(2) strings and numbers', () => {
    const r = seededRandom(20240101);
    for (let i = 0; i < 2000; i++) {
      const satang = randomSatang(r);
      const text = (satang / 100).toFixed(2);
      expect(parseAmount(text), text).toEqual({ ok: true, satang });
      expect(parseAmount(satang / 100), text).toEqual({ ok: true, satang });
    }
  });
});

describe('formatMoney', () => {
  it('two decimals by default, Thai digits', () => {
    expect(formatMoney(20000000)).toBe('๒๐๐,๐๐๐.๐๐');
    expect(formatMoney(0)).toBe('๐.๐๐');
    expect(formatMoney(-0)).toBe('๐.๐๐');
    expect(formatMoney(1)).toBe('๐.๐๑');
    expect(formatMoney(1525075)).toBe('๑๕,๒๕๐.๗๕');
    expect(formatMoney(99999)).toBe('๙๙๙.๙๙');
    expect(formatMoney(100000)).toBe('๑,๐๐๐.๐๐');
  });
  it('arabic digits', () => {
    expect(formatMoney(20000000, { digits: 'arabic' })).toBe('200,000.00');
    expect(formatMoney(999999999999999, { digits: 'arabic' })).toBe('9,999,999,999,999.99');
    expect(formatMoney(123456789, { digits: 'arabic' })).toBe('1,234,567.89');
  });
  it('decimals: false drops only a zero satang part', () => {
    expect(formatMoney(125000000, { decimals: false })).toBe('๑,๒๕๐,๐๐๐');
    expect(formatMoney(125000050, { decimals: false })).toBe('๑,๒๕๐,๐๐๐.๕๐');
    expect(formatMoney(0, { decimals: false, digits: 'arabic' })).toBe('0');
    expect(formatMoney(5, { decimals: false, digits: 'arabic' })).toBe('0.05');
  });
  it('negatives get a leading minus', () => {
    expect(formatMoney(-55025)).toBe('-๕๕๐.๒๕');
    expect(formatMoney(-125000000, { digits: 'arabic', decimals: false })).toBe('-1,250,000');
  });
  it('refuses non-integer satang', () => {
    expect(() => formatMoney(1.5)).toThrow(RangeError);
    expect(() => formatMoney(NaN)).toThrow(RangeError);
    expect(() => formatMoney(2 ** 53)).toThrow(RangeError);
  });
});

/** Baht → satang for test vectors written in baht, via the decimal string (exact). */
function sat(baht: string): number {
  const r = parseAmount(baht.replace(/^-/, ''));
  if (!r.ok) throw new Error(`bad vector ${baht}`);
  return baht.startsWith('-') ? -r.satang : r.satang;
}

describe('bahtText (domain.md §4 vectors)', () => {
  const vectors: [string, string][] = [
    ['0', 'ศูนย์บาทถ้วน'],
    ['0.01', 'หนึ่งสตางค์'],
    ['0.11', 'สิบเอ็ดสตางค์'],
    ['1', 'หนึ่งบาทถ้วน'],
    ['11', 'สิบเอ็ดบาทถ้วน'],
    ['21', 'ยี่สิบเอ็ดบาทถ้วน'],
    ['101', 'หนึ่งร้อยเอ็ดบาทถ้วน'],
    ['1001', 'หนึ่งพันเอ็ดบาทถ้วน'],
    ['1101', 'หนึ่งพันหนึ่งร้อยเอ็ดบาทถ้วน'],
    ['21000', 'สองหมื่นหนึ่งพันบาทถ้วน'],
    ['100001', 'หนึ่งแสนเอ็ดบาทถ้วน'],
    ['1000001', 'หนึ่งล้านเอ็ดบาทถ้วน'],
    ['11000001', 'สิบเอ็ดล้านเอ็ดบาทถ้วน'],
    ['101000000', 'หนึ่งร้อยเอ็ดล้านบาทถ้วน'],
    ['1001000000', 'หนึ่งพันเอ็ดล้านบาทถ้วน'],
    ['5001000000', 'ห้าพันเอ็ดล้านบาทถ้วน'],
    ['1000000000001', 'หนึ่งล้านล้านเอ็ดบาทถ้วน'],
    ['15250.75', 'หนึ่งหมื่นห้าพันสองร้อยห้าสิบบาทเจ็ดสิบห้าสตางค์'],
    ['5825000', 'ห้าล้านแปดแสนสองหมื่นห้าพันบาทถ้วน'],
    ['1250000', 'หนึ่งล้านสองแสนห้าหมื่นบาทถ้วน'],
    ['-550.25', 'ลบห้าร้อยห้าสิบบาทยี่สิบห้าสตางค์'],
    // more edge cases
    ['0.75', 'เจ็ดสิบห้าสตางค์'],
    ['0.10', 'สิบสตางค์'],
    ['0.05', 'ห้าสตางค์'],
    ['0.21', 'ยี่สิบเอ็ดสตางค์'],
    ['-1', 'ลบหนึ่งบาทถ้วน'],
    ['-0.01', 'ลบหนึ่งสตางค์'],
    ['1.01', 'หนึ่งบาทหนึ่งสตางค์'],
    ['10', 'สิบบาทถ้วน'],
    ['20', 'ยี่สิบบาทถ้วน'],
    ['1000000', 'หนึ่งล้านบาทถ้วน'],
    ['10000000', 'สิบล้านบาทถ้วน'],
    ['2000000000000', 'สองล้านล้านบาทถ้วน'],
    ['9999999999999.99', 'เก้าล้านเก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าล้านเก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทเก้าสิบเก้าสตางค์'],
    ['90071992547409.91', 'เก้าสิบล้านเจ็ดหมื่นหนึ่งพันเก้าร้อยเก้าสิบสองล้านห้าแสนสี่หมื่นเจ็ดพันสี่ร้อยเก้าบาทเก้าสิบเอ็ดสตางค์'],
  ];
  for (const [baht, text] of vectors) {
    it(baht, () => {
      const satang = baht === '90071992547409.91' ? Number.MAX_SAFE_INTEGER : sat(baht);
      expect(bahtText(satang)).toBe(text);
    });
  }

  it('-0 reads as zero', () => {
    expect(bahtText(-0)).toBe('ศูนย์บาทถ้วน');
  });

  it('refuses non-integer satang', () => {
    expect(() => bahtText(0.5)).toThrow(RangeError);
    expect(() => bahtText(Infinity)).toThrow(RangeError);
    expect(() => bahtText(NaN)).toThrow(RangeError);
  });

  it('agrees with an independent reading of the rule on 3,000 random amounts', () => {
    const r = seededRandom(42);
    for (let i = 0; i < 3000; i++) {
      const satang = randomSatang(r);
      expect(bahtText(satang), String(satang)).toBe(referenceBahtText(satang));
    }
  });
});

describe('formatBaht', () => {
  it('amount and reading', () => {
    expect(formatBaht(125000000)).toBe('๑,๒๕๐,๐๐๐ บาท (หนึ่งล้านสองแสนห้าหมื่นบาทถ้วน)');
    expect(formatBaht(125000000, 'arabic')).toBe('1,250,000 บาท (หนึ่งล้านสองแสนห้าหมื่นบาทถ้วน)');
    expect(formatBaht(1525075)).toBe('๑๕,๒๕๐.๗๕ บาท (หนึ่งหมื่นห้าพันสองร้อยห้าสิบบาทเจ็ดสิบห้าสตางค์)');
    expect(formatBaht(0)).toBe('๐ บาท (ศูนย์บาทถ้วน)');
  });
});

// ---------------------------------------------------------------------------
// An independent implementation of the reading, used only as a test oracle.
// Rule (as the domain.md vectors show): a units-place 1 of a six-digit group reads
// เอ็ด when any higher digit of the number is non-zero; ล้าน repeats every six digits.
const DIGIT = ['', 'หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก', 'เจ็ด', 'แปด', 'เก้า'];
const PLACE = ['', 'สิบ', 'ร้อย', 'พัน', 'หมื่น', 'แสน'];

function readInteger(digits: string): string {
  const s = digits.replace(/^0+/, '');
  let out = '';
  let seenNonZero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const posFromRight = s.length - 1 - i;
    const place = posFromRight % 6;
    if (d !== 0) {
      if (place === 1 && d === 1) out += 'สิบ';
      else if (place === 1 && d === 2) out += 'ยี่สิบ';
      else if (place === 0 && d === 1 && seenNonZero) out += 'เอ็ด';
      else out += DIGIT[d]! + PLACE[place]!;
      seenNonZero = true;
    }
    if (place === 0 && posFromRight > 0 && seenNonZero) out += 'ล้าน';
  }
  return out;
}

function referenceBahtText(satang: number): string {
  if (satang === 0) return 'ศูนย์บาทถ้วน';
  if (satang < 0) return 'ลบ' + referenceBahtText(-satang);
  const s = String(satang).padStart(3, '0');
  const baht = readInteger(s.slice(0, -2));
  const st = readInteger(s.slice(-2));
  if (!st) return baht + 'บาทถ้วน';
  return (baht ? baht + 'บาท' : '') + st + 'สตางค์';
}
