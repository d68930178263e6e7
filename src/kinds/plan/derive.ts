/**
 * Plan → the model of templates/plan/: cover, preface, contents, Part 1 (introduction),
 * Part 2 (the budget matrix of matrix.ts) and Part 3 (one detail section per project,
 * its budget sentence computed from the same figures).
 */
import { authorityValues } from '../../derive/authority.js';
import { coverModel } from '../../derive/cover.js';
import type { PlaceholderValue } from '../../derive/placeholders.js';
import { titleLines as splitTitle, titleText } from '../../derive/title-block.js';
import { applyDigits, bahtText, formatDateLong, formatMoney, formatMonthYear, formatYearRange, parseIsoMonth, type DigitStyle } from '../../thai/index.js';
import type { DeriveContext, DerivedDocument } from '../kind.js';
import { budgetOf, DEFAULT_TITLE, placedProjects, planYears, runningYears, type PlanInput, type ProjectInput, type Prose } from './input.js';
import { matrixRows, yearColumnStyle } from './matrix.js';

interface DetailPart {
  subtitle?: string;
  content: Prose;
}
interface DetailSection {
  number: string;
  title: string;
  parts: DetailPart[];
}

export function derive(input: PlanInput, ctx: DeriveContext): DerivedDocument {
  const digits = ctx.digits;
  const num = (n: number | string) => applyDigits(String(n), digits);
  const money = (satang: number) => formatMoney(satang, { digits });
  const moneyText = (satang: number) => formatMoney(satang, { digits, decimals: false });
  const years = planYears(input);
  const placed = placedProjects(input);
  const budgets = placed.map((p) => budgetOf(p.input));

  // Totals per dimension and year, in integer satang.
  const dimTotals = input.dimensions.map(() => years.map(() => 0));
  const dimCounts = input.dimensions.map(() => 0);
  const grand = years.map(() => 0);
  placed.forEach((p, i) => {
    dimCounts[p.dimension]! += 1;
    years.forEach((y, yi) => {
      const amount = budgets[i]!.get(y) ?? 0;
      dimTotals[p.dimension]![yi]! += amount;
      grand[yi]! += amount;
    });
  });
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const grandTotal = sum(grand);

  const periodText = formatYearRange(input.period.from, input.period.to, digits);
  const values = new Map<string, PlaceholderValue>([
    ...authorityValues(input.authority),
    ['period', periodText],
    ['years', num(years.length)],
    ['projects', num(placed.length)],
    ['dimensions', num(input.dimensions.length)],
    ['total', moneyText(grandTotal)],
    ['total_text', bahtText(grandTotal)],
  ]);
  input.dimensions.forEach((dim, d) => {
    values.set(`dimension.${d + 1}.name`, dim.name);
    values.set(`dimension.${d + 1}.projects`, num(dimCounts[d]!));
    values.set(`dimension.${d + 1}.total`, moneyText(sum(dimTotals[d]!)));
  });
  const prose = <T extends Prose | undefined>(value: T, path: readonly (string | number)[]) => ctx.prose(value, path, values);
  // The title's lines may quote the figures above; {{title}} quotes the title in the rest.
  const typed = input.title === undefined ? [DEFAULT_TITLE] : splitTitle(input.title, ['title'], prose);
  const titled = typed.length === 1 ? coverLines(typed[0]!) : typed;
  const title = titleText(titled);
  values.set('title', title);
  const cover = coverModel(input.cover, input.authority, { title: titled, lines: [input.authority.name, periodText], fallback: true }, prose);

  const rows = matrixRows(input, { placed, budgets, years, dimTotals, dimCounts, grand }, num, money);

  // Part 3: one detail section per project, numbered in plan order.
  const projects = placed.map((p, i) => {
    const budget = budgets[i]!;
    const at = (field: string) => [...p.path, field];
    const sections: DetailSection[] = [];
    const add = (title: string, parts: DetailPart[]) => sections.push({ number: num(sections.length + 1), title, parts });
    const addProse = (title: string, field: keyof ProjectInput) => {
      const value = p.input[field] as Prose | undefined;
      if (value !== undefined) add(title, [{ content: prose(value, at(field)) }]);
    };
    add('ชื่อโครงการ', [{ content: p.input.name }]);
    addProse('หลักการและเหตุผล', 'rationale');
    addProse('วัตถุประสงค์', 'objectives');
    addProse('กลุ่มเป้าหมาย', 'target_group');
    addProse('สถานที่ดำเนินการ', 'location');
    addProse('วิธีดำเนินการ', 'method');
    add('ระยะเวลาดำเนินการ', [{ content: p.input.duration ? prose(p.input.duration, at('duration')) : durationText(runningYears(budget, years), digits) }]);
    add('งบประมาณ', [{ content: budgetText(budget, years, digits) }]);
    addProse('ผู้รับผิดชอบ', 'responsible');
    addProse('ตัวชี้วัด', 'indicators');
    if (p.input.outputs !== undefined || p.input.outcomes !== undefined) {
      const parts: DetailPart[] = [];
      if (p.input.outputs !== undefined) parts.push({ subtitle: 'ผลผลิต', content: prose(p.input.outputs, at('outputs')) });
      if (p.input.outcomes !== undefined) parts.push({ subtitle: 'ผลลัพธ์', content: prose(p.input.outcomes, at('outcomes')) });
      add('ผลผลิต/ผลลัพธ์', parts);
    }
    (p.input.extra_sections ?? []).forEach((extra, k) => add(extra.title, [{ content: prose(extra.body, [...p.path, 'extra_sections', k, 'body']) }]));
    return { id: `project-${i + 1}`, sequence: num(i + 1), name: p.input.name, sections };
  });

  const introduction = input.introduction.map((section, s) => ({
    id: `intro-${s + 1}`,
    number: num(s + 1),
    title: section.title,
    body: section.body === undefined ? undefined : prose(section.body, ['introduction', s, 'body']),
    risks: section.risks?.map((r, k) => ({
      number: num(k + 1),
      step: r.step,
      risk: r.risk,
      level: r.level,
      controls: prose(r.controls, ['introduction', s, 'risks', k, 'controls']),
    })),
  }));

  const dimensions = input.dimensions.map((dim, d) => ({ id: `dimension-${d + 1}`, number: `มิติที่ ${num(d + 1)}`, name: dim.name, label: `มิติที่ ${num(d + 1)} ${dim.name}` }));
  const issuedMonth = parseIsoMonth(input.issued.slice(0, 7));
  const issuedText = /^\d{4}-\d{2}-\d{2}$/.test(input.issued)
    ? formatDateLong(input.issued, digits)
    : issuedMonth
      ? formatMonthYear(issuedMonth.year, issuedMonth.month, digits)
      : input.issued;

  return {
    digits,
    meta: {
      title: `${title} ${periodText}`,
      author: input.authority.name,
      subject: `${title} ของ${input.authority.name} ${periodText}`,
      keywords: ['ITA', 'แผนปฏิบัติการป้องกันการทุจริต', 'คุณธรรมและความโปร่งใส', input.authority.name, periodText],
      date: /^\d{4}-\d{2}-\d{2}$/.test(input.issued) ? input.issued : `${input.issued}-01`,
    },
    model: {
      title,
      cover,
      authority: input.authority,
      periodText,
      issuedText,
      preface: prose(input.preface, ['preface']),
      introduction,
      years: years.map((y) => ({ label: `ปี ${num(y)}` })),
      rows,
      dimensions,
      projects,
      projectCount: num(placed.length),
      matrixColumns: years.length + 2,
      yearColumn: yearColumnStyle(years.length, rows),
      toc: [
        { id: 'preface', level: 1, title: 'คำนำ' },
        { id: 'part-1', level: 1, title: `ส่วนที่ ${num(1)} บทนำ` },
        ...introduction.map((s) => ({ id: s.id, level: 2, title: `${s.number}. ${s.title}` })),
        { id: 'part-2', level: 1, title: `ส่วนที่ ${num(2)} แผนปฏิบัติการป้องกันการทุจริต` },
        ...dimensions.map((d) => ({ id: d.id, level: 2, title: d.label })),
        { id: 'part-3', level: 1, title: `ส่วนที่ ${num(3)} รายละเอียดโครงการ/กิจกรรม/มาตรการ` },
        ...projects.map((p) => ({ id: p.id, level: 2, title: `${p.sequence}. ${applyDigits(p.name, digits)}` })),
      ],
    },
  };
}

/**
 * The cover prints a one-line title broken where a person would break it: before
 * "เพื่อ" (Chromium's dictionary would otherwise split "เพื่อยก|ระดับ"). Lines typed in
 * YAML (a list, or line breaks) are kept as typed.
 */
function coverLines(title: string): string[] {
  const at = title.indexOf('เพื่อ', 1);
  return at > 0 ? [title.slice(0, at).trim(), title.slice(at).trim()] : [title];
}

/** "ปีละ ๑๐,๐๐๐ บาท รวม ๕๐,๐๐๐ บาท (ห้าหมื่นบาทถ้วน)", or per year, or "ไม่ใช้งบประมาณ". */
function budgetText(budget: ReadonlyMap<number, number>, years: readonly number[], digits: DigitStyle): string {
  const entries = years.filter((y) => (budget.get(y) ?? 0) > 0).map((y) => [y, budget.get(y)!] as const);
  if (entries.length === 0) return 'ไม่ใช้งบประมาณ';
  const baht = (satang: number) => `${formatMoney(satang, { digits, decimals: false })} บาท`;
  const total = entries.reduce((a, [, v]) => a + v, 0);
  const totalText = `${baht(total)} (${bahtText(total)})`;
  if (entries.length === 1) return `ปี ${applyDigits(String(entries[0]![0]), digits)} จำนวน ${totalText}`;
  const same = entries.every(([, v]) => v === entries[0]![1]);
  if (same && entries.length === years.length) return `ปีละ ${baht(entries[0]![1])} รวม ${totalText}`;
  const perYear = entries.map(([y, v]) => `ปี ${applyDigits(String(y), digits)} ${baht(v)}`).join(' ');
  return `${perYear} รวม ${totalText}`;
}

/** From the first to the last year the project runs in (runningYears, in plan order). */
function durationText(running: readonly number[], digits: DigitStyle): string {
  if (running.length === 0) return '-';
  return `ปีงบประมาณ ${formatYearRange(running[0]!, running[running.length - 1]!, digits)}`;
}
