/**
 * The progress report checked against its plan: the plan is opened through the
 * pipeline (ctx.linked), so it is validated like any document and becomes, with its
 * authority file, an input of the report. Every project of the fiscal year must be
 * reported once, under its name in the plan; spending over the plan needs a reason;
 * dates must lie in the round reported.
 */
import { bi, type YamlPath } from '../../diagnostics.js';
import type { PeriodInput } from '../../derive/period.js';
import { canonical } from '../../derive/spellings.js';
import { dayNumber, fiscalYearRange, formatDateLong, formatMoney, isoOf, parseAmount, sixMonthRange, type IsoDate } from '../../thai/index.js';
import { checkIsoDate } from '../../validate/dates.js';
import { checkedPeriodDays } from '../../validate/period.js';
import { checkProseDates, textsIn } from '../../validate/prose-dates.js';
import { nearest } from '../../validate/suggest.js';
import type { KindContext } from '../kind.js';
import { nameKey, nameText, planOutline, type OutlineProject, type PlanInput, type PlanOutline } from '../plan/outline.js';
import { roundOf, statusOf, type ProgressInput, type Round } from './input.js';

/** What the rules learnt from the plan, handed to the derive step by the pipeline. */
export interface CheckedReport {
  plan: PlanInput;
  outline: PlanOutline;
  round: Round;
  /** The plan's projects of the fiscal year in plan order, each with the index of its entry in `projects`. */
  rows: { project: OutlineProject; entry: number }[];
}

/** The first and last day of the round: 1 Oct – 31 Mar, or the whole fiscal year. */
export function roundRange(fy: number, round: Round): { start: IsoDate; end: IsoDate } {
  return round === 'half_year' ? sixMonthRange(fy) : fiscalYearRange(fy);
}

export async function rules(input: ProgressInput, ctx: KindContext): Promise<CheckedReport | undefined> {
  if (input.date !== undefined) checkIsoDate(ctx, ['date'], input.date);
  if (input.approval !== undefined) checkIsoDate(ctx, ['approval', 'date'], input.approval.date);
  checkProseDates(ctx, proseTexts(input), input.fiscal_year);
  const linked = await ctx.linked(input.plan, ['plan'], 'plan');
  if (!linked) return;
  const plan = linked.data as PlanInput;
  const outline = planOutline(plan);
  const fy = input.fiscal_year;
  const round = roundOf(input.round);
  const { from, to } = outline.period;
  if (!outline.years.includes(fy)) {
    ctx.problem('error', 'progress/year-outside-plan', ['fiscal_year'], bi(`ปีงบประมาณ ${fy} อยู่นอกช่วงของแผน ${input.plan} (${from}–${to})`, `fiscal year ${fy} is outside the period of the plan ${input.plan} (${from}–${to})`), bi(`ใช้ปีระหว่าง ${from} ถึง ${to} หรือระบุแผนของช่วงปีที่ครอบคลุมปี ${fy}`, `use a year from ${from} to ${to}, or name the plan that covers ${fy}`));
    return;
  }

  const planLine = (p: OutlineProject) => linked.doc.locate([...p.path, 'name']).line;
  const byName = new Map<string, OutlineProject[]>();
  for (const p of outline.projects) byName.set(nameKey(p.name), [...(byName.get(nameKey(p.name)) ?? []), p]);
  const reported = new Map<OutlineProject, number>();

  input.projects.forEach((entry, i) => {
    const at = (...rest: (string | number)[]): YamlPath => ['projects', i, ...rest];
    const found = byName.get(nameKey(entry.project)) ?? [];
    if (found.length === 0) {
      const guess = nearest(nameText(entry.project), outline.projects.map((p) => nameText(p.name)));
      ctx.problem('error', 'progress/unknown-project', at('project'), bi(`ไม่มีโครงการ "${nameText(entry.project)}" ในแผน ${input.plan}`, `no project "${nameText(entry.project)}" in the plan ${input.plan}`),
        guess ? bi(`หมายถึง "${guess}" หรือไม่? (คัดลอกชื่อจากแผนให้ตรงกัน)`, `did you mean "${guess}"? (copy the name from the plan)`) : bi('คัดลอกชื่อโครงการจากแผนให้ตรงกัน (ita-report init progress --plan … เขียนรายชื่อทั้งหมดให้)', 'copy the name from the plan (ita-report init progress --plan … writes them all)'));
      return;
    }
    if (found.length > 1) {
      ctx.problem('error', 'progress/ambiguous-project', at('project'), bi(`แผนมีโครงการชื่อนี้ ${found.length} โครงการ (บรรทัด ${found.map(planLine).join(', ')} ของ ${input.plan}) จึงไม่รู้ว่ารายงานโครงการใด`, `the plan has ${found.length} projects of this name (lines ${found.map(planLine).join(', ')} of ${input.plan}), so this entry is ambiguous`), bi('แก้ชื่อโครงการในแผนให้ไม่ซ้ำกัน แล้วใช้ชื่อใหม่ที่นี่', 'give the projects distinct names in the plan and use the new name here'));
      return;
    }
    const project = found[0]!;
    if (!project.years.includes(fy)) {
      ctx.problem('error', 'progress/not-this-year', at('project'), bi(`โครงการนี้ (บรรทัด ${planLine(project)} ของ ${input.plan}) ไม่มีงบประมาณในปี ${fy} (มีในปี ${project.years.join(', ')})`, `this project (line ${planLine(project)} of ${input.plan}) is not planned for ${fy} (its years: ${project.years.join(', ')})`), bi(`ลบโครงการนี้ออกจากรายงาน หรือเพิ่มปี ${fy} ใน budget ของโครงการในแผน`, `remove it from this report, or add ${fy} to its budget in the plan`));
      return;
    }
    const first = reported.get(project);
    if (first !== undefined) {
      ctx.problem('error', 'progress/duplicate-project', at('project'), bi(`รายงานโครงการนี้ซ้ำกับบรรทัด ${ctx.doc.locate(['projects', first, 'project']).line}`, `this project is already reported on line ${ctx.doc.locate(['projects', first, 'project']).line}`), bi('รวมผลการดำเนินการไว้ในรายการเดียว แล้วลบรายการนี้', 'merge what was done into one entry and delete this one'));
      return;
    }
    reported.set(project, i);

    const planned = project.budget.get(fy) ?? 0;
    const spent = entry.spent === undefined ? undefined : parseAmount(entry.spent);
    const money = (satang: number) => formatMoney(satang, { digits: 'arabic' });
    if (spent?.ok && spent.satang > planned && entry.over_budget_reason === undefined) {
      ctx.problem('error', 'progress/over-budget', at('spent'), bi(`ใช้จ่าย ${money(spent.satang)} บาท เกินงบประมาณตามแผนปี ${fy} (${planned === 0 ? 'ไม่ใช้งบประมาณ' : `${money(planned)} บาท`})`, `spent ${money(spent.satang)} baht, over the ${fy} plan budget (${planned === 0 ? 'none' : `${money(planned)} baht`})`), bi('เขียนเหตุผลใน over_budget_reason: (เช่น ได้รับอนุมัติโอนงบประมาณเพิ่ม) หรือตรวจจำนวนเงิน', 'explain it in over_budget_reason: (e.g. an approved budget transfer), or check the amount'));
    }
    if (statusOf(entry.status) === 'done' && planned > 0 && entry.spent === undefined) {
      ctx.problem('warning', 'progress/no-spending', at('status'), bi(`โครงการแล้วเสร็จมีงบประมาณตามแผน ${money(planned)} บาท แต่ไม่ได้ระบุเงินที่ใช้จ่าย`, `the project is done and had ${money(planned)} baht planned, but no spending is reported`), bi('เพิ่ม spent: จำนวนเงินที่เบิกจ่ายจริง (เขียน spent: 0 ถ้าไม่ได้ใช้เงิน)', 'add spent: the amount actually paid (spent: 0 if nothing was spent)'));
    }
    if (entry.period !== undefined) checkInRound(entry.period, at('period'), fy, round, ctx);
  });

  const missing = outline.projects.filter((p) => p.years.includes(fy) && !reported.has(p));
  if (missing.length > 0) {
    const th = missing.map((p) => `ลำดับที่ ${p.sequence} ${nameText(p.name)} (บรรทัด ${planLine(p)})`).join('; ');
    const en = missing.map((p) => `no. ${p.sequence} ${nameText(p.name)} (line ${planLine(p)})`).join('; ');
    const first = nameText(missing[0]!.name);
    ctx.problem('error', 'progress/missing-projects', ['projects'],
      bi(`ยังไม่ได้รายงานโครงการของปี ${fy} ใน ${input.plan} จำนวน ${missing.length} โครงการ: ${th}`, `${missing.length} project(s) of ${fy} in ${input.plan} are not reported: ${en}`),
      bi(`เพิ่มรายการของแต่ละโครงการ เช่น - project: ${first} แล้วบรรทัดถัดไป status: ... (โครงการที่ยังไม่ได้ทำ เขียน status: ยังไม่ได้ดำเนินการ)`, `add an entry for each, e.g. "- project: ${first}" with its status (status: not_started for one not begun)`),
      { key: true });
  }

  return {
    plan,
    outline,
    round,
    rows: outline.projects.filter((p) => reported.has(p)).map((project) => ({ project, entry: reported.get(project)! })),
  };
}

/** The free text of a report, where `{{date …}}` may stand (src/derive/prose-dates.ts). */
function proseTexts(input: ProgressInput): { text: string; path: YamlPath }[] {
  return [
    ...textsIn(input.introduction, ['introduction']),
    ...input.projects.flatMap((e, i) => (['outputs', 'outcomes', 'problems', 'remarks', 'over_budget_reason'] as const).flatMap((f) => textsIn(e[f], ['projects', i, f]))),
    ...textsIn(input.problems, ['problems']),
    ...textsIn(input.suggestions, ['suggestions']),
  ];
}

/**
 * A project's period: real dates in order (the shared checks of src/validate/period.ts),
 * and within the round reported. A part of the year that runs past the round (`q3` in a
 * six-month report) is reported at the period, a typed date at its end; words are not dates.
 */
function checkInRound(period: PeriodInput, path: YamlPath, fy: number, round: Round, ctx: KindContext): void {
  const days = checkedPeriodDays(ctx, path, period, fy, 'progress/period-order');
  if (!days) return;
  const { start, end } = roundRange(fy, round);
  const outside = (d: IsoDate) => dayNumber(d) < dayNumber(start) || dayNumber(d) > dayNumber(end);
  const roundText = `${round === 'half_year' ? 'รอบ 6 เดือน' : 'ปีงบประมาณ'} ${fy} (${formatDateLong(start, 'arabic')} – ${formatDateLong(end, 'arabic')})`;
  const roundEn = `the ${round === 'half_year' ? 'six-month round' : 'fiscal year'} ${fy} (${isoOf(start)} – ${isoOf(end)})`;
  const hint = round === 'half_year'
    ? bi('ตรวจวันที่ ผลที่เกิดหลัง 31 มีนาคม รายงานในรายงานประจำปี (round: full_year)', 'check the date; what happened after 31 March goes in the yearly report (round: full_year)')
    : bi('ตรวจปี ค.ศ. ของวันที่ หรือรายงานผลนี้ในรายงานของปีงบประมาณที่ถูกต้อง', 'check the year, or report this in the report of its own fiscal year');
  if (typeof period === 'string') {
    if (outside(days.from) || outside(days.to)) {
      const part = canonical('period', period) === period ? period : `${period} (${canonical('period', period)})`;
      ctx.problem('warning', 'progress/outside-round', path, bi(`ระยะเวลา ${period} เลย${roundText}`, `period ${part} runs past ${roundEn}`), hint);
    }
    return;
  }
  if (!('from' in period)) return;
  for (const side of ['from', 'to'] as const) {
    if (outside(days[side])) ctx.problem('warning', 'progress/outside-round', [...path, side], bi(`${period[side]} อยู่นอก${roundText}`, `${period[side]} is outside ${roundEn}`), hint);
  }
}
