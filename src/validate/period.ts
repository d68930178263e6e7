/**
 * The rules of a typed period, shared by the kinds that have periods: real months or
 * dates in the Christian era (src/validate/dates.ts says why not), in order, inside what
 * the document reports on — the fiscal year (results, measures), or a progress report's
 * round, which checks the days of checkedPeriodDays itself.
 */
import { bi, type YamlPath } from '../diagnostics.js';
import type { KindContext } from '../kinds/kind.js';
import { dayOf, periodBounds, type PeriodInput } from '../derive/period.js';
import { dayNumber, type IsoDate } from '../thai/index.js';
import { checkIsoMonthOrDate, warnOutsideFiscalYear } from './dates.js';

type TypedRange = { from: string; to: string };

/** Each end of a typed range (null where it is no real month or date: said why), and whether it is in order (said when not). */
function checkedEnds(ctx: KindContext, path: YamlPath, period: TypedRange, orderCode: string): { from: IsoDate | null; to: IsoDate | null; ordered: boolean } {
  const from = checkIsoMonthOrDate(ctx, [...path, 'from'], period.from, 'start');
  const to = checkIsoMonthOrDate(ctx, [...path, 'to'], period.to, 'end');
  if (from && to && dayNumber(to) < dayNumber(from)) {
    ctx.problem('error', orderCode, [...path, 'to'], bi(`วันสิ้นสุด (${period.to}) มาก่อนวันเริ่ม (${period.from})`, `the end (${period.to}) is before the start (${period.from})`), bi('สลับค่า from และ to', 'swap from and to'));
    return { from, to, ordered: false };
  }
  return { from, to, ordered: true };
}

/**
 * The first and last day a period covers, or null after reporting why it has none: a month
 * or date that does not exist or is written in the Buddhist era, an end before its start
 * (reported under the kind's `orderCode`, such as `progress/period-order`). A part of the
 * year (`q2`, `ไตรมาส 2`) covers its months of fiscal year `fy`; words (`{ text }`) cover no
 * days and are never wrong.
 */
export function checkedPeriodDays(ctx: KindContext, path: YamlPath, period: PeriodInput, fy: number, orderCode: string): { from: IsoDate; to: IsoDate } | null {
  if (typeof period === 'object' && 'from' in period) {
    const { from, to, ordered } = checkedEnds(ctx, path, period, orderCode);
    return from && to && ordered ? { from, to } : null;
  }
  const bounds = periodBounds(period, fy);
  return bounds && { from: dayOf(bounds[0], false), to: dayOf(bounds[1], true) };
}

/** A period of a document about fiscal year `fy`: its typed ends checked, and a warning for each that falls outside the year. */
export function checkPeriod(ctx: KindContext, path: YamlPath, period: PeriodInput, fy: number, orderCode: string): void {
  if (typeof period !== 'object' || !('from' in period)) return;
  const { from, to, ordered } = checkedEnds(ctx, path, period, orderCode);
  if (!ordered) return;
  if (from) warnOutsideFiscalYear(ctx, [...path, 'from'], from, fy, bi('วันเริ่ม', 'the start'));
  if (to) warnOutsideFiscalYear(ctx, [...path, 'to'], to, fy, bi('วันสิ้นสุด', 'the end'));
}
