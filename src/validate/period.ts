/**
 * The rules of a typed period (`{ from, to }`), shared by the kinds that have periods:
 * real months or dates in the Christian era (src/validate/dates.ts says why not), in
 * order, inside the fiscal year the document is about.
 */
import { bi, type YamlPath } from '../diagnostics.js';
import type { KindContext } from '../kinds/kind.js';
import type { PeriodInput } from '../derive/period.js';
import { checkIsoMonthOrDate, warnOutsideFiscalYear } from './dates.js';

const dayNumber = (d: { year: number; month: number; day: number }) => d.year * 10000 + d.month * 100 + d.day;

/** `code` names the kind's rule for an end before the start (`results/period-order`). */
export function checkPeriod(ctx: KindContext, path: YamlPath, period: PeriodInput, fy: number, orderCode: string): void {
  if (typeof period !== 'object' || !('from' in period)) return;
  const from = checkIsoMonthOrDate(ctx, [...path, 'from'], period.from, 'start');
  const to = checkIsoMonthOrDate(ctx, [...path, 'to'], period.to, 'end');
  if (from && to && dayNumber(to) < dayNumber(from)) {
    ctx.problem('error', orderCode, [...path, 'to'], bi(`วันสิ้นสุด (${period.to}) มาก่อนวันเริ่ม (${period.from})`, `the end (${period.to}) is before the start (${period.from})`), bi('สลับค่า from และ to', 'swap from and to'));
    return;
  }
  if (from) warnOutsideFiscalYear(ctx, [...path, 'from'], from, fy, bi('วันเริ่ม', 'the start'));
  if (to) warnOutsideFiscalYear(ctx, [...path, 'to'], to, fy, bi('วันสิ้นสุด', 'the end'));
}
