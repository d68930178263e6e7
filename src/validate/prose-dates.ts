/**
 * The rules of `{{date …}}` placeholders in free text (src/derive/prose-dates.ts): a real
 * date in the Christian era (the shared checks of dates.ts, reported at the placeholder),
 * and, for a date of the results, inside the fiscal year reported. A date after the year
 * belongs to next year's report; a date before it is either a mistyped year or the date
 * of an earlier decision quoted in the text, which `ref` marks.
 */
import { bi, type YamlPath } from '../diagnostics.js';
import type { KindContext } from '../kinds/kind.js';
import { dayNumber, formatDateLong, fiscalYearRange } from '../thai/index.js';
import { dayOf, parsePoint } from '../derive/period.js';
import { formatPoint, proseDates } from '../derive/prose-dates.js';
import { checkIsoMonthOrDate } from './dates.js';

/** Every text inside a value (a text, a list of texts, entries with texts in them), each with its path: where a kind's free text may hold dates. */
export function textsIn(value: unknown, path: YamlPath): { text: string; path: YamlPath }[] {
  if (typeof value === 'string') return [{ text: value, path }];
  if (Array.isArray(value)) return value.flatMap((v, i) => textsIn(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => textsIn(v, [...path, k]));
  return [];
}

/** A context whose problems point at `needle` inside the text at `path`, not at the start of the value. */
function atText(ctx: KindContext, path: YamlPath, needle: string): KindContext {
  return {
    ...ctx,
    problem: (severity, code, p, message, hint) => ctx.report({ severity, code, file: ctx.doc.file, path: p, ...ctx.doc.locateText(path, needle), message, hint }),
  };
}

export function checkProseDates(ctx: KindContext, texts: { text: string; path: YamlPath }[], fy: number): void {
  const { start, end } = fiscalYearRange(fy);
  for (const { text, path } of texts) {
    for (const d of proseDates(text)) {
      const here = atText(ctx, path, d.whole);
      if (!checkIsoMonthOrDate(here, path, d.value, 'start') || d.ref) continue;
      const p = parsePoint(d.value)!;
      const first = dayOf(p, false);
      const last = dayOf(p, true);
      const shown = formatPoint(p, 'date_long', 'arabic');
      if (dayNumber(last) > dayNumber(end)) {
        here.problem('warning', 'date/outside-fiscal-year', path,
          bi(`${d.whole} (${shown}) อยู่หลังสิ้นปีงบประมาณ พ.ศ. ${fy} ที่รายงาน (${formatDateLong(end, 'arabic')})`, `${d.whole} (${d.value}) is after the end of the reported fiscal year ${fy} (${end.year}-09-30)`),
          bi(`ตรวจวันที่ ถ้าถูกต้อง ผลนี้เกิดในปีงบประมาณ พ.ศ. ${fy + 1} ให้รายงานในรายงานของปีนั้น`, `check the date; if it is right, this result belongs to the report of fiscal year ${fy + 1}`));
      } else if (dayNumber(first) < dayNumber(start)) {
        here.problem('warning', 'date/outside-fiscal-year', path,
          bi(`${d.whole} (${shown}) อยู่ก่อนเริ่มปีงบประมาณ พ.ศ. ${fy} ที่รายงาน (${formatDateLong(start, 'arabic')})`, `${d.whole} (${d.value}) is before the start of the reported fiscal year ${fy} (${start.year}-10-01)`),
          bi(`ถ้าเป็นวันที่ของเรื่องที่อ้างถึง เช่น ข้อบัญญัติหรือนโยบายที่ประกาศก่อนปีงบประมาณ ให้เขียน {{date ${d.value} ref}} ถ้าเป็นวันที่ของผลการดำเนินการ ตรวจปี ค.ศ. ของวันที่`, `if it is the date of an earlier decision quoted here (an ordinance, a policy announced before the year), write {{date ${d.value} ref}}; if it is the date of a result, check its year`));
      }
    }
  }
}
