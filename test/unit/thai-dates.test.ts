/** Dates as Thai officers write them, read into Christian-era ISO dates and months. */
import { describe, expect, it } from 'vitest';
import { isoOf, readThaiDate, thaiReadingOf } from '../../src/thai/index.js';

const iso = (text: string) => {
  const r = readThaiDate(text);
  return r ? isoOf(r) : null;
};

describe('readThaiDate', () => {
  it.each([
    ['1 ต.ค. 2567', '2024-10-01'],
    ['๑ ตุลาคม ๒๕๖๗', '2024-10-01'],
    ['วันที่ 1 ตุลาคม พ.ศ. 2567', '2024-10-01'],
    ['1ต.ค.67', '2024-10-01'],
    ['1 ตค 2567', '2024-10-01'],
    ['30 ก.ย. 68', '2025-09-30'],
    ['29 ก.พ. 2567', '2024-02-29'],
    ['1 มี.ค. 2568', '2025-03-01'],
    ['1 มีนาคม 2568', '2025-03-01'],
    ['1 ต.ค. ค.ศ. 2024', '2024-10-01'],
    ['1 ตุลาคม 2024', '2024-10-01'],
    ['15/10/2567', '2024-10-15'],
    ['๑๕/๑๐/๒๕๖๗', '2024-10-15'],
    ['15-10-67', '2024-10-15'],
  ])('reads %s as %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
    expect(readThaiDate(text)!.guessed).toBe(false);
  });

  it.each([
    ['ต.ค. 67', '2024-10'],
    ['ตุลาคม ๒๕๖๗', '2024-10'],
    ['เดือนกันยายน พ.ศ. 2565', '2022-09'],
    ['ก.ย. 2565', '2022-09'],
  ])('reads the month %s as %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('reads a numeric date day first, and says so when day and month could be swapped', () => {
    const r = readThaiDate('1/10/2567')!;
    expect(isoOf(r)).toBe('2024-10-01');
    expect(r.guessed).toBe(true);
    expect(readThaiDate('10/10/2567')!.guessed).toBe(false);
  });

  it.each(['2024-10-01', '2024-10', 'พรุ่งนี้', '31 ก.พ. 2567', '1 ตุลา 2567 บ่าย', '1 ต.ค.', '1 ต.ค. 567', '', '13/13/2567', '1 ต.ค. ค.ศ. 67'])('refuses %j', (text) => {
    expect(readThaiDate(text)).toBeNull();
  });

  it('says which date it read, in Thai with the Buddhist era', () => {
    expect(thaiReadingOf(readThaiDate('1/10/2567')!)).toBe('1 ตุลาคม 2567');
    expect(thaiReadingOf(readThaiDate('ต.ค. 67')!)).toBe('ตุลาคม 2567');
  });
});
