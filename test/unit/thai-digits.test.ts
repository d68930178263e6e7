import { describe, it, expect } from 'vitest';
import { toThaiDigits, toArabicDigits, applyDigits } from '../../src/thai/index.js';

describe('thai digits', () => {
  it('maps 0-9 to ๐-๙ (U+0E50–U+0E59)', () => {
    expect(toThaiDigits('0123456789')).toBe('๐๑๒๓๔๕๖๗๘๙');
    for (let d = 0; d <= 9; d++) {
      expect(toThaiDigits(String(d)).codePointAt(0)).toBe(0x0e50 + d);
    }
  });

  it('keeps everything that is not a digit', () => {
    expect(toThaiDigits('พ.ศ. 2568 - page 2, 1,250.00 บาท')).toBe('พ.ศ. ๒๕๖๘ - page ๒, ๑,๒๕๐.๐๐ บาท');
    expect(toThaiDigits('')).toBe('');
    expect(toThaiDigits('๑๒3')).toBe('๑๒๓');
  });

  it('maps ๐-๙ back to 0-9', () => {
    expect(toArabicDigits('๐๑๒๓๔๕๖๗๘๙')).toBe('0123456789');
    expect(toArabicDigits('๑ ตุลาคม ๒๕๖๗')).toBe('1 ตุลาคม 2567');
    expect(toArabicDigits('abc 12')).toBe('abc 12');
  });

  it('round-trips', () => {
    const s = 'FY 2568: 93.82 (94.17 %)';
    expect(toArabicDigits(toThaiDigits(s))).toBe(s);
  });

  it('applyDigits follows the style', () => {
    expect(applyDigits('- 2 -', 'thai')).toBe('- ๒ -');
    expect(applyDigits('- ๒ -', 'arabic')).toBe('- 2 -');
    expect(applyDigits('1 ๒', 'thai')).toBe('๑ ๒');
    expect(applyDigits('1 ๒', 'arabic')).toBe('1 2');
  });
});
