import { describe, it, expect } from 'vitest';
import {
  fiscalYearOf,
  fiscalQuarterOf,
  fiscalYearRange,
  sixMonthRange,
  isInFiscalYear,
  formatFiscalPeriodShort,
  formatFiscalPeriodLong,
  formatMonthSpan,
  parseIsoDate,
} from '../../src/thai/index.js';

describe('fiscal year and quarter (domain.md §3 vectors)', () => {
  const vectors: [string, number, 1 | 2 | 3 | 4][] = [
    ['2024-10-01', 2568, 1],
    ['2025-09-30', 2568, 4],
    ['2024-02-29', 2567, 2],
    ['2023-12-31', 2567, 1],
  ];
  for (const [iso, fy, q] of vectors) {
    it(iso, () => {
      expect(fiscalYearOf(iso)).toBe(fy);
      expect(fiscalYearOf(parseIsoDate(iso)!)).toBe(fy);
      expect(fiscalQuarterOf(iso)).toBe(q);
      expect(isInFiscalYear(iso, fy)).toBe(true);
      expect(isInFiscalYear(iso, fy - 1)).toBe(false);
      expect(isInFiscalYear(iso, fy + 1)).toBe(false);
    });
  }

  it('30 Sep vs 1 Oct boundary', () => {
    expect(fiscalYearOf('2024-09-30')).toBe(2567);
    expect(fiscalQuarterOf('2024-09-30')).toBe(4);
    expect(fiscalYearOf('2024-10-01')).toBe(2568);
    expect(fiscalQuarterOf('2024-10-01')).toBe(1);
    expect(isInFiscalYear('2024-09-30', 2568)).toBe(false);
    expect(isInFiscalYear('2025-10-01', 2568)).toBe(false);
  });

  it('quarter boundaries', () => {
    const cases: [string, number][] = [
      ['2024-12-31', 1], ['2025-01-01', 2], ['2025-03-31', 2], ['2025-04-01', 3],
      ['2025-06-30', 3], ['2025-07-01', 4], ['2025-09-30', 4], ['2024-11-15', 1],
    ];
    for (const [iso, q] of cases) expect(fiscalQuarterOf(iso), iso).toBe(q);
    for (const [iso] of cases) expect(fiscalYearOf(iso), iso).toBe(2568);
  });

  it('throws on invalid dates', () => {
    expect(() => fiscalYearOf('2023-02-29')).toThrow(RangeError);
    expect(() => fiscalQuarterOf('2024-13-01')).toThrow(RangeError);
  });
});

describe('ranges', () => {
  it('fiscal year range', () => {
    expect(fiscalYearRange(2568)).toEqual({
      start: { year: 2024, month: 10, day: 1 },
      end: { year: 2025, month: 9, day: 30 },
    });
  });
  it('six-month range (1 Oct – 31 Mar)', () => {
    expect(sixMonthRange(2568)).toEqual({
      start: { year: 2024, month: 10, day: 1 },
      end: { year: 2025, month: 3, day: 31 },
    });
  });
  it('range ends belong to the fiscal year', () => {
    for (const fy of [2561, 2566, 2567, 2568, 2570]) {
      const r = fiscalYearRange(fy);
      expect(fiscalYearOf(r.start)).toBe(fy);
      expect(fiscalYearOf(r.end)).toBe(fy);
      expect(fiscalYearOf(sixMonthRange(fy).end)).toBe(fy);
    }
  });
});

describe('period formatting', () => {
  it('short', () => {
    expect(formatFiscalPeriodShort(2568)).toBe('ต.ค. ๖๗ – ก.ย. ๖๘');
    expect(formatFiscalPeriodShort(2568, 'arabic')).toBe('ต.ค. 67 – ก.ย. 68');
    expect(formatFiscalPeriodShort(2601, 'arabic')).toBe('ต.ค. 00 – ก.ย. 01');
  });
  it('long', () => {
    expect(formatFiscalPeriodLong(2568)).toBe('๑ ตุลาคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๘');
    expect(formatFiscalPeriodLong(2568, 'arabic')).toBe('1 ตุลาคม 2567 – 30 กันยายน 2568');
  });
  it('month span', () => {
    expect(formatMonthSpan({ year: 2024, month: 10 }, { year: 2025, month: 3 })).toBe('ต.ค. ๖๗ – มี.ค. ๖๘');
    expect(formatMonthSpan({ year: 2024, month: 10 }, { year: 2025, month: 3 }, 'arabic')).toBe('ต.ค. 67 – มี.ค. 68');
    expect(formatMonthSpan({ year: 2024, month: 10 }, { year: 2024, month: 10 })).toBe('ต.ค. ๖๗');
    expect(() => formatMonthSpan({ year: 2024, month: 0 }, { year: 2024, month: 10 })).toThrow(RangeError);
  });
});
