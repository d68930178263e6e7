/**
 * Everything the progress report prints that the officer did not type: taken from
 * the plan (authority, dimension, mission, number and planned budget of each project,
 * the plan's title and period) or computed (counts per status, totals, percentages,
 * baht text, the period of the round).
 */
import type { YamlPath } from '../../diagnostics.js';
import { authorityValues } from '../../derive/authority.js';
import { continuedLabel } from '../../derive/continued.js';
import { coverModel } from '../../derive/cover.js';
import { urlParts } from '../../derive/links.js';
import { formatPeriod, periodFormat } from '../../derive/period.js';
import type { PlaceholderValue } from '../../derive/placeholders.js';
import { formatProseDates } from '../../derive/prose-dates.js';
import { titleBlock, titleLines, titleText } from '../../derive/title-block.js';
import { stackedBarChart, type StackSegment } from '../../render/charts.js';
import { applyDigits, bahtText, formatDateLong, formatMoney, formatYearRange, isoOf, parseAmount } from '../../thai/index.js';
import type { DeriveContext, DerivedDocument } from '../kind.js';
import { STATUS_TEXT, STATUSES, statusOf, type ProgressInput, type Prose, type Round, type Status } from './input.js';
import { roundRange, type CheckedReport } from './rules.js';
import { formatPercent, percent, tally, type ProjectFigures, type Tally } from './summary.js';

const TITLES: Record<Round, string> = {
  half_year: 'รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริตประจำปี รอบ 6 เดือน',
  full_year: 'รายงานผลการดำเนินการป้องกันการทุจริตประจำปี',
};
/** In the document's digits (applyDigits). */
const ROUND_TEXT: Record<Round, string> = { half_year: 'รอบ 6 เดือน', full_year: 'รอบ 12 เดือน' };

/** The introduction when the report has none; the cancelled are named only when there are some. */
function defaultIntroduction(cancelled: boolean): string {
  return (
    '{{authority}} ได้ดำเนินการตาม{{plan_title}} {{plan_period}} ในปีงบประมาณ พ.ศ. {{fiscal_year}} {{round}} ({{round_period}}) ' +
    'โครงการ/กิจกรรม/มาตรการตามแผนของปีนี้มีจำนวน {{projects}} โครงการ ดำเนินการแล้วเสร็จ {{done}} โครงการ คิดเป็นร้อยละ {{done_percent}} ' +
    `อยู่ระหว่างดำเนินการ {{in_progress}} โครงการ ยังไม่ได้ดำเนินการ {{not_started}} โครงการ ${cancelled ? 'ยกเลิก {{cancelled}} โครงการ ' : ''}` +
    'ใช้จ่ายงบประมาณ {{spent}} บาท จากงบประมาณตามแผน {{planned}} บาท คิดเป็นร้อยละ {{spent_percent}} รายละเอียดดังนี้'
  );
}

/** Status colours of the chart: blue done, amber in progress, grey not started, red cancelled. */
const SEGMENTS: Record<Status, Omit<StackSegment, 'label'>> = {
  done: { color: '#2f5d8a', text: '#fff' },
  in_progress: { color: '#e0a526', text: '#000' },
  not_started: { color: '#b8b8b8', text: '#000' },
  cancelled: { color: '#c0392b', text: '#fff' },
};

type Block =
  | { type: 'prose'; label?: string; value: Prose }
  | { type: 'text'; label?: string; value: string }
  | { type: 'links'; links: { title?: string; url: string; parts: string[] }[] };

export function derive(input: ProgressInput, ctx: DeriveContext, learnt: CheckedReport | undefined): DerivedDocument {
  // The pipeline derives only after the rules ran without error, and then they learnt the plan.
  if (!learnt) throw new Error('progress: derive without the plan the rules read');
  const { plan, outline, round, rows } = learnt;
  const digits = ctx.digits;
  const num = (n: number | string) => applyDigits(String(n), digits);
  /** Table cells: "๒๐,๐๐๐.๐๐", or "-" for nothing (no budget, nothing spent). */
  const amount = (satang: number) => (satang === 0 ? '-' : formatMoney(satang, { digits }));
  const baht = (satang: number) => formatMoney(satang, { digits, decimals: false });
  const fy = input.fiscal_year;
  const authority = plan.authority;

  // The figures: one entry per project of the year, in plan order.
  const figures: ProjectFigures[] = rows.map(({ project, entry }) => {
    const spent = parseAmount(input.projects[entry]!.spent ?? 0);
    return { dimension: project.dimension, status: statusOf(input.projects[entry]!.status), planned: project.budget.get(fy) ?? 0, spent: spent.ok ? spent.satang : 0 };
  });
  const totals = tally(figures, outline.dimensions.length);
  const total = totals.total;
  const { start, end } = roundRange(fy, round);
  const roundPeriod = `${formatDateLong(start, digits)} \u2013 ${formatDateLong(end, digits)}`;
  const planPeriod = formatYearRange(outline.period.from, outline.period.to, digits);
  const pct = (part: number, whole: number) => formatPercent(percent(part, whole), digits);

  const values = new Map<string, PlaceholderValue>([
    ...authorityValues(authority),
    ['fiscal_year', num(fy)],
    ['round', num(ROUND_TEXT[round])],
    ['round_period', roundPeriod],
    ['plan_title', outline.title],
    ['plan_period', planPeriod],
    ['projects', num(total.projects)],
    ['done', num(total.counts.done)],
    ['in_progress', num(total.counts.in_progress)],
    ['not_started', num(total.counts.not_started)],
    ['cancelled', num(total.counts.cancelled)],
    ['done_percent', pct(total.counts.done, total.projects)],
    ['planned', baht(total.planned)],
    ['planned_text', bahtText(total.planned)],
    ['spent', baht(total.spent)],
    ['spent_text', bahtText(total.spent)],
    ['spent_percent', pct(total.spent, total.planned)],
  ]);
  outline.dimensions.forEach((dim, d) => {
    values.set(`dimension.${d + 1}.name`, dim.name);
    values.set(`dimension.${d + 1}.projects`, num(totals.dimensions[d]!.projects));
    values.set(`dimension.${d + 1}.done`, num(totals.dimensions[d]!.counts.done));
  });
  // `{{date 2024-03-12}}` in free text prints the Buddhist-era date (the rules checked it).
  const dated = <T extends Prose | undefined>(value: T): T =>
    (typeof value === 'string' ? formatProseDates(value, digits) : Array.isArray(value) ? value.map((v) => formatProseDates(v, digits)) : value) as T;
  const prose = <T extends Prose | undefined>(value: T, path: YamlPath) => ctx.prose(dated(value), path, values);
  const format = periodFormat(input.options?.period_format);

  // Summary: a column per status that occurs (cancelled only when a project was cancelled).
  const shown = STATUSES.filter((s) => s !== 'cancelled' || total.counts.cancelled > 0);
  const summaryRow = (label: string, t: Tally) => ({
    label,
    projects: num(t.projects),
    counts: shown.map((s) => num(t.counts[s])),
    donePercent: pct(t.counts.done, t.projects),
    planned: amount(t.planned),
    spent: amount(t.spent),
    spentPercent: pct(t.spent, t.planned),
  });
  const dimensionLabel = (d: number) => `มิติที่ ${num(d + 1)}`;
  const summary = {
    statuses: shown.map((s) => STATUS_TEXT[s]),
    countColumns: shown.length + 2,
    rows: outline.dimensions.map((dim, d) => summaryRow(`${dimensionLabel(d)} ${dim.name}`, totals.dimensions[d]!)),
    total: summaryRow('รวมทั้งสิ้น', total),
  };
  const chartSvg = stackedBarChart(
    [...outline.dimensions.map((_, d) => ({ label: dimensionLabel(d), values: shown.map((s) => totals.dimensions[d]!.counts[s]) })), { label: 'รวม', values: shown.map((s) => total.counts[s]) }],
    shown.map((s) => ({ label: STATUS_TEXT[s], ...SEGMENTS[s] })),
    { digits, title: `สถานะการดำเนินการของโครงการ จำแนกตามมิติ ปีงบประมาณ พ.ศ. ${num(fy)}` },
  );

  // Detail: one table per dimension with a project of the year, a row per mission, then its projects.
  // Where a table goes on over a page, the printer repeats the dimension's name, the mission's row
  // and (unless repeat_names: false) the project's name, followed by the label ("(ต่อ)" by default).
  const continued = continuedLabel(input.options?.continued_label, true);
  const repeatNames = input.options?.repeat_names ?? true;
  const dimensions = outline.dimensions.flatMap((dim, d) => {
    const mine = rows.map((r, k) => ({ ...r, figures: figures[k]! })).filter((r) => r.project.dimension === d);
    if (mine.length === 0) return [];
    const tableRows: unknown[] = [];
    let mission = '';
    for (const { project, entry, figures: f } of mine) {
      if (project.mission.number !== mission) {
        mission = project.mission.number;
        tableRows.push({ type: 'mission', group: mission, label: `${num(mission)} ${project.mission.name}` });
      }
      const e = input.projects[entry]!;
      const at = (field: string): YamlPath => ['projects', entry, field];
      const blocks: Block[] = [];
      if (e.outputs !== undefined) blocks.push({ type: 'prose', value: prose(e.outputs, at('outputs')) });
      if (e.outcomes !== undefined) blocks.push({ type: 'prose', label: 'ผลที่ได้รับ', value: prose(e.outcomes, at('outcomes')) });
      if (e.period !== undefined) blocks.push({ type: 'text', label: 'ระยะเวลา', value: formatPeriod(e.period, fy, digits, format, (t) => prose(t, [...at('period'), 'text'])) });
      if (e.over_budget_reason !== undefined) blocks.push({ type: 'prose', label: 'เหตุที่ใช้จ่ายเกินแผน', value: prose(e.over_budget_reason, at('over_budget_reason')) });
      if (e.remarks !== undefined) blocks.push({ type: 'prose', label: 'หมายเหตุ', value: prose(e.remarks, at('remarks')) });
      if (e.links !== undefined) blocks.push({ type: 'links', links: e.links.map((l) => ({ ...l, parts: urlParts(l.url) })) });
      tableRows.push({
        type: 'project',
        group: mission,
        sequence: num(project.sequence),
        name: project.name,
        planned: amount(f.planned),
        spent: amount(f.spent),
        overBudget: f.spent > f.planned,
        percent: pct(f.spent, f.planned),
        status: STATUS_TEXT[f.status],
        statusKey: f.status,
        blocks,
        problems: e.problems === undefined ? undefined : prose(e.problems, at('problems')),
      });
    }
    const t = totals.dimensions[d]!;
    return [{ id: `dimension-${d + 1}`, label: `${dimensionLabel(d)} ${dim.name}`, rows: tableRows, subtotal: { label: `รวม${dimensionLabel(d)} (${num(t.projects)} โครงการ)`, planned: amount(t.planned), spent: amount(t.spent), percent: pct(t.spent, t.planned) } }];
  });

  // A title of one text gets the lines of the plan, the year and the authority under it;
  // a list of lines is the whole title block, as typed (as in every kind).
  const listed = Array.isArray(input.title);
  const titled = titleLines(input.title ?? TITLES[round], ['title'], prose);
  const title = num(titleText(titled));
  const yearText = `ประจำปีงบประมาณ พ.ศ. ${num(fy)}${round === 'half_year' ? ` ${num(ROUND_TEXT[round])}` : ''}`;
  const yearLine = `${yearText} (${roundPeriod})`;
  const planLine = `ตาม${outline.title} ${planPeriod}`;
  const cover = coverModel(input.cover, authority, { title: titled, lines: listed ? [] : [authority.name, yearText, `(${roundPeriod})`, planLine], fallback: false }, prose);
  const date = input.date ?? input.approval?.date ?? isoOf(end);
  const signature = input.approval
    ? { name: input.approval.name, position: Array.isArray(input.approval.position) ? input.approval.position : [input.approval.position], date: formatDateLong(input.approval.date, digits) }
    : { name: authority.head?.name, position: [authority.head?.title ?? `ผู้บริหาร${authority.name}`], date: undefined };

  return {
    digits,
    meta: {
      title: listed ? title : `${title} ${yearLine}`,
      author: authority.name,
      subject: `${title} ${planLine} ของ${authority.name}`,
      keywords: ['ITA', 'รายงานผลการดำเนินการป้องกันการทุจริต', 'แผนปฏิบัติการป้องกันการทุจริต', authority.name, `ปีงบประมาณ พ.ศ. ${num(fy)}`, num(ROUND_TEXT[round])],
      date,
    },
    model: {
      cover,
      titleBlock: titleBlock(titled, listed ? {} : { sub: [planLine, yearLine, authority.name] }),
      title,
      planTitle: outline.title,
      planPeriod,
      yearText,
      roundPeriod,
      authority,
      introduction: prose(input.introduction ?? defaultIntroduction(total.counts.cancelled > 0), ['introduction']),
      summary,
      totalsText: `งบประมาณตามแผนรวม ${baht(total.planned)} บาท (${bahtText(total.planned)}) ใช้จ่ายจริงรวม ${baht(total.spent)} บาท (${bahtText(total.spent)}) คิดเป็นร้อยละ ${pct(total.spent, total.planned)} ของงบประมาณตามแผน`,
      chartSvg,
      dimensions,
      // The printer cuts the detail tables where pages begin when it has a label to add or names to repeat.
      split: continued !== '' || repeatNames,
      continued,
      repeatNames,
      closing:
        input.problems === undefined && input.suggestions === undefined
          ? undefined
          : { problems: prose(input.problems, ['problems']), suggestions: prose(input.suggestions, ['suggestions']) },
      signature,
    },
  };
}
