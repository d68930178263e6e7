import { describe, it, expect } from 'vitest';
import {
  THAI_MONTHS,
  THAI_MONTHS_ABBR,
  beYear,
  ceYear,
  parseIsoDate,
  parseIsoMonth,
  formatDateLong,
  formatDateShort,
  formatMonthYear,
  formatYearRange,
} from '../../src/thai/index.js';

describe('month names', () => {
  it('has twelve full names and abbreviations', () => {
    expect(THAI_MONTHS).toHaveLength(12);
    expect(THAI_MONTHS[0]).toBe('มกราคม');
    expect(THAI_MONTHS[1]).toBe('กุมภาพันธ์');
    expect(THAI_MONTHS[8]).toBe('กันยายน');
    expect(THAI_MONTHS[9]).toBe('ตุลาคม');
    expect(THAI_MONTHS[11]).toBe('ธันวาคม');
    expect(THAI_MONTHS_ABBR).toEqual([
      'ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.',
    ]);
  });
});

describe('era', () => {
  it('BE = CE + 543', () => {
    expect(beYear(2024)).toBe(2567);
    expect(ceYear(2568)).toBe(2025);
    expect(ceYear(beYear(1999))).toBe(1999);
  });
});

describe('parseIsoDate', () => {
  it('parses real dates', () => {
    expect(parseIsoDate('2024-10-01')).toEqual({ year: 2024, month: 10, day: 1 });
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseIsoDate('2023-12-31')).toEqual({ year: 2023, month: 12, day: 31 });
  });

  it('rejects dates that do not exist', () => {
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('1900-02-29')).toBeNull();
    expect(parseIsoDate('2024-13-01')).toBeNull();
    expect(parseIsoDate('2024-00-10')).toBeNull();
    expect(parseIsoDate('2024-04-31')).toBeNull();
    expect(parseIsoDate('2024-01-00')).toBeNull();
    expect(parseIsoDate('2024-01-32')).toBeNull();
  });

  it('rejects anything but strict YYYY-MM-DD', () => {
    for (const s of [
      '', '2024-1-01', '2024-10-1', '24-10-01', '2024/10/01', '2024-10-01T00:00:00Z', ' 2024-10-01',
      '2024-10-01 ', '๒๕๖๗-๑๐-๐๑', '2567-10-O1', '10/01/2024',
    ]) {
      expect(parseIsoDate(s), s).toBeNull();
    }
    expect(parseIsoDate(new Date(Date.UTC(2024, 9, 1)) as unknown as string)).toBeNull();
  });
});

describe('parseIsoMonth', () => {
  it('parses YYYY-MM', () => {
    expect(parseIsoMonth('2024-10')).toEqual({ year: 2024, month: 10 });
    expect(parseIsoMonth('2025-03')).toEqual({ year: 2025, month: 3 });
  });
  it('rejects others', () => {
    expect(parseIsoMonth('2024-13')).toBeNull();
    expect(parseIsoMonth('2024-00')).toBeNull();
    expect(parseIsoMonth('2024-1')).toBeNull();
    expect(parseIsoMonth('2024-10-01')).toBeNull();
    expect(parseIsoMonth('')).toBeNull();
  });
});

describe('formatDateLong / formatDateShort (domain.md §3 vectors)', () => {
  const vectors: [string, string, string, string][] = [
    ['2024-10-01', '๑ ตุลาคม ๒๕๖๗', '1 ต.ค. 2567', '๑ ต.ค. ๒๕๖๗'],
    ['2025-09-30', '๓๐ กันยายน ๒๕๖๘', '30 ก.ย. 2568', '๓๐ ก.ย. ๒๕๖๘'],
    ['2024-02-29', '๒๙ กุมภาพันธ์ ๒๕๖๗', '29 ก.พ. 2567', '๒๙ ก.พ. ๒๕๖๗'],
    ['2023-12-31', '๓๑ ธันวาคม ๒๕๖๖', '31 ธ.ค. 2566', '๓๑ ธ.ค. ๒๕๖๖'],
  ];
  for (const [iso, long, shortArabic, shortThai] of vectors) {
    it(iso, () => {
      expect(formatDateLong(iso)).toBe(long);
      expect(formatDateLong(parseIsoDate(iso)!)).toBe(long);
      expect(formatDateShort(iso, 'arabic')).toBe(shortArabic);
      expect(formatDateShort(iso)).toBe(shortThai);
    });
  }

  it('arabic long form', () => {
    expect(formatDateLong('2024-10-01', 'arabic')).toBe('1 ตุลาคม 2567');
  });

  it('is not shifted by the timezone (no JS Date involved)', () => {
    // The same answer whatever process.env.TZ is; a Date-based implementation in a
    // timezone west of UTC would give "๓๐ กันยายน ๒๕๖๗".
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'Asia/Bangkok', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(formatDateLong('2024-10-01')).toBe('๑ ตุลาคม ๒๕๖๗');
        expect(formatDateShort('2024-10-01', 'arabic')).toBe('1 ต.ค. 2567');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('throws on invalid dates', () => {
    expect(() => formatDateLong('2023-02-29')).toThrow(RangeError);
    expect(() => formatDateShort('2024-13-01')).toThrow(RangeError);
    expect(() => formatDateLong({ year: 2024, month: 2, day: 30 })).toThrow(RangeError);
  });
});

describe('formatMonthYear / formatYearRange', () => {
  it('month and BE year', () => {
    expect(formatMonthYear(2022, 9)).toBe('กันยายน ๒๕๖๕');
    expect(formatMonthYear(2022, 9, 'arabic')).toBe('กันยายน 2565');
    expect(formatMonthYear(2025, 1)).toBe('มกราคม ๒๕๖๘');
    expect(() => formatMonthYear(2025, 13)).toThrow(RangeError);
  });

  it('year range with en dash', () => {
    expect(formatYearRange(2566, 2570)).toBe('พ.ศ. ๒๕๖๖ \u2013 ๒๕๗๐');
    expect(formatYearRange(2566, 2570)).toBe('พ.ศ. ๒๕๖๖ – ๒๕๗๐');
    expect(formatYearRange(2561, 2564, 'arabic')).toBe('พ.ศ. 2561 – 2564');
    expect(formatYearRange(2566, 2566)).toBe('พ.ศ. ๒๕๖๖');
  });
});
