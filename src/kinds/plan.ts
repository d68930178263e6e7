/**
 * The multi-year anti-corruption action plan (แผนปฏิบัติการป้องกันการทุจริต).
 * A project's budget is written once, per fiscal year; the Part 2 matrix (with
 * subtotals, counts and the grand total) and the Part 3 budget sentences are both
 * computed from it here, so they cannot disagree.
 */
import { bi } from '../diagnostics.js';
import {
  applyDigits,
  bahtText,
  formatMoney,
  formatMonthYear,
  formatDateLong,
  formatYearRange,
  parseAmount,
  parseIsoDate,
  parseIsoMonth,
  type DigitStyle,
} from '../thai/index.js';
import { authorityValues, type AuthorityInput } from '../derive/authority.js';
import { estimateWidthEm } from '../render/charts.js';
import { coverModel, type CoverInput } from '../derive/cover.js';
import { fillKnown, type PlaceholderValue } from '../derive/placeholders.js';
import { titleLines as splitTitle, titleText, type TitleInput } from '../derive/title-block.js';
import type { DeriveContext, DerivedDocument, DocumentKind, KindContext } from './kind.js';

type Prose = string | string[];

interface ProjectInput {
  name: string;
  budget?: Record<string, number>;
  remarks?: string;
  rationale: string;
  objectives: Prose;
  target_group: Prose;
  location?: Prose;
  method: Prose;
  duration?: string;
  responsible: Prose;
  indicators?: Prose;
  outputs?: Prose;
  outcomes?: Prose;
  extra_sections?: { title: string; body: Prose }[];
}
interface SubMissionInput {
  name: string;
  projects?: ProjectInput[];
}
interface MissionInput {
  name: string;
  sub_missions?: SubMissionInput[];
  projects?: ProjectInput[];
}
interface DimensionInput {
  name: string;
  missions: MissionInput[];
}
interface RiskInput {
  step: string;
  risk: string;
  level: string;
  controls: Prose;
}
export interface PlanInput {
  kind: 'plan';
  options?: { digits?: DigitStyle };
  authority: AuthorityInput;
  title?: TitleInput;
  cover?: CoverInput;
  period: { from: number; to: number };
  issued: string;
  preface: string;
  introduction: { title: string; body?: Prose; risks?: RiskInput[] }[];
  dimensions: DimensionInput[];
}

const DEFAULT_TITLE = 'แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส';
const MAX_PLAN_YEARS = 10;

/** A project with where it sits in the tree, in plan order. */
interface PlacedProject {
  input: ProjectInput;
  path: (string | number)[];
  dimension: number;
  mission: number;
  /** Index of its sub-mission, when it sits in one. */
  sub?: number;
  /** Its number within its mission or sub-mission: the "๑)" of the Part 2 matrix. */
  number: number;
}

/** "1.2" for the second mission of dimension 1, "1.2.3" for its third sub-mission (Arabic digits). */
function outlineNumber(dimension: number, mission: number, sub?: number): string {
  return `${dimension + 1}.${mission + 1}${sub === undefined ? '' : `.${sub + 1}`}`;
}

function placedProjects(input: PlanInput): PlacedProject[] {
  const out: PlacedProject[] = [];
  input.dimensions.forEach((dim, d) => {
    dim.missions.forEach((mission, m) => {
      (mission.projects ?? []).forEach((p, i) => out.push({ input: p, path: ['dimensions', d, 'missions', m, 'projects', i], dimension: d, mission: m, number: i + 1 }));
      (mission.sub_missions ?? []).forEach((sub, s) =>
        (sub.projects ?? []).forEach((p, i) =>
          out.push({ input: p, path: ['dimensions', d, 'missions', m, 'sub_missions', s, 'projects', i], dimension: d, mission: m, sub: s, number: i + 1 }),
        ),
      );
    });
  });
  return out;
}

function planYears(input: PlanInput): number[] {
  const years: number[] = [];
  for (let y = input.period.from; y <= input.period.to && years.length < MAX_PLAN_YEARS; y++) years.push(y);
  return years;
}

/** Satang per plan year; a year without an entry is unbudgeted (printed "-"). */
function budgetOf(project: ProjectInput): Map<number, number> {
  const out = new Map<number, number>();
  for (const [year, amount] of Object.entries(project.budget ?? {})) {
    const parsed = parseAmount(amount);
    if (parsed.ok) out.set(Number(year), parsed.satang);
  }
  return out;
}

/**
 * The fiscal years a project runs in: those its budget names (a year written with 0 is
 * listed without money), or every year of the plan when it has no budget at all
 * (ไม่ใช้งบประมาณ: the plan's ongoing measures).
 */
function runningYears(budget: ReadonlyMap<number, number>, years: readonly number[]): number[] {
  return budget.size > 0 ? years.filter((y) => budget.has(y)) : [...years];
}

/** One project of the plan as other documents see it (the progress reports). */
export interface OutlineProject {
  name: string;
  /** Where it is written in the plan's YAML. */
  path: (string | number)[];
  /** 0-based index into `dimensions`. */
  dimension: number;
  /** "1.2" and the mission's name. */
  mission: { number: string; name: string };
  /** "1.2.3" and the sub-mission's name, when it sits in one. */
  subMission?: { number: string; name: string };
  /** Its number within its mission or sub-mission, as the Part 2 matrix prints it. */
  number: number;
  /** Its Part 3 sequence number (ลำดับที่), 1-based in plan order. */
  sequence: number;
  /** Satang per fiscal year. */
  budget: ReadonlyMap<number, number>;
  /** The fiscal years it runs in (see runningYears). */
  years: number[];
}

export interface PlanOutline {
  title: string;
  period: { from: number; to: number };
  years: number[];
  dimensions: { name: string }[];
  projects: OutlineProject[];
}

/** The plan's projects with the numbering and budgets its own document prints, for documents linked to it. */
export function planOutline(input: PlanInput): PlanOutline {
  const years = planYears(input);
  const projects = placedProjects(input).map((p, i): OutlineProject => {
    const mission = input.dimensions[p.dimension]!.missions[p.mission]!;
    const budget = budgetOf(p.input);
    return {
      name: p.input.name,
      path: p.path,
      dimension: p.dimension,
      mission: { number: outlineNumber(p.dimension, p.mission), name: mission.name },
      subMission: p.sub === undefined ? undefined : { number: outlineNumber(p.dimension, p.mission, p.sub), name: mission.sub_missions![p.sub]!.name },
      number: p.number,
      sequence: i + 1,
      budget,
      years: runningYears(budget, years),
    };
  });
  return { title: plainTitle(input), period: input.period, years, dimensions: input.dimensions.map((d) => ({ name: d.name })), projects };
}

/** The plan's title as one line for documents that quote it: its lines joined, the authority's fields filled in. */
function plainTitle(input: PlanInput): string {
  const lines = input.title === undefined ? [DEFAULT_TITLE] : Array.isArray(input.title) ? input.title : [input.title];
  const values = new Map(authorityValues(input.authority));
  return titleText(lines.map((line) => fillKnown(line, values).replace(/\s+/g, ' ').trim()));
}

function rules(input: PlanInput, ctx: KindContext): void {
  const { from, to } = input.period;
  if (to < from) {
    ctx.problem('error', 'plan/period-order', ['period', 'to'], bi(`ปีสุดท้ายของแผน (${to}) มาก่อนปีแรก (${from})`, `the plan's last year (${to}) is before its first (${from})`), bi('สลับค่า from และ to', 'swap from and to'));
  } else if (to - from + 1 > MAX_PLAN_YEARS) {
    ctx.problem('error', 'plan/period-length', ['period', 'to'], bi(`แผนยาว ${to - from + 1} ปี เกิน ${MAX_PLAN_YEARS} ปี`, `the plan spans ${to - from + 1} years, more than ${MAX_PLAN_YEARS}`), bi('ตรวจปี พ.ศ. ของ from และ to', 'check the from and to years'));
  }

  const issuedOk = /^\d{4}-\d{2}-\d{2}$/.test(input.issued) ? parseIsoDate(input.issued) !== null : parseIsoMonth(input.issued) !== null;
  const issuedYear = Number(input.issued.slice(0, 4));
  if (issuedYear >= 2400) {
    ctx.problem('error', 'date/buddhist-year', ['issued'], bi(`วันที่ ${input.issued} ใช้ปี พ.ศ. แต่ฟิลด์นี้ใช้ปี ค.ศ.`, `${input.issued} uses a Buddhist-era year; this field takes the Christian era`), bi(`ใช้ ${issuedYear - 543}${input.issued.slice(4)} (เครื่องมือแสดงเป็น พ.ศ. ให้เอง)`, `write ${issuedYear - 543}${input.issued.slice(4)}; the tool prints the Buddhist era`));
  } else if (!issuedOk) {
    ctx.problem('error', 'date/invalid', ['issued'], bi(`ไม่มีวันที่ ${input.issued} ในปฏิทิน`, `${input.issued} is not a calendar date`), bi('ตรวจเดือน (01–12) และวัน', 'check the month (01–12) and day'));
  }

  const projects = placedProjects(input);
  const names = new Map<string, (string | number)[]>();
  for (const { input: p, path } of projects) {
    for (const year of Object.keys(p.budget ?? {})) {
      const y = Number(year);
      if (y < from || y > to) {
        ctx.problem('error', 'plan/budget-year', [...path, 'budget', year], bi(`ปีงบประมาณ ${year} อยู่นอกช่วงของแผน (${from}–${to})`, `budget year ${year} is outside the plan period (${from}–${to})`), bi(`ใช้ปีระหว่าง ${from} ถึง ${to}`, `use a year from ${from} to ${to}`), { key: true });
      }
    }
    const key = p.name.replace(/\s+/g, ' ').trim();
    const first = names.get(key);
    if (first) {
      const line = ctx.doc.locate([...first, 'name']).line;
      ctx.problem('warning', 'plan/duplicate-project', [...path, 'name'], bi(`ชื่อโครงการซ้ำกับโครงการที่บรรทัด ${line}`, `the project name repeats the one on line ${line}`), bi('ตรวจว่าคัดลอกมาโดยไม่ได้แก้ชื่อหรือไม่', 'check whether it was copied without changing the name'));
    } else names.set(key, path);
    if (p.outputs === undefined && p.outcomes === undefined) {
      ctx.problem('warning', 'plan/no-results', path, bi('โครงการไม่มีผลผลิตหรือผลลัพธ์', 'the project has neither outputs nor outcomes'), bi('เพิ่ม outputs: หรือ outcomes:', 'add outputs: or outcomes:'));
    }
  }
  if (projects.length === 0) {
    ctx.problem('error', 'plan/no-projects', ['dimensions'], bi('แผนไม่มีโครงการเลย', 'the plan has no projects'), bi('เพิ่ม projects: ใต้ภารกิจย่อย', 'add projects: under a sub-mission'));
  }
}

function derive(input: PlanInput, ctx: DeriveContext): DerivedDocument {
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
  const titled = typed.length === 1 ? titleLines(typed[0]!) : typed;
  const title = titleText(titled);
  values.set('title', title);
  const cover = coverModel(input.cover, input.authority, { title: titled, lines: [input.authority.name, periodText], fallback: true }, prose);

  // Part 2: one table row per line of the matrix. Dimensions, missions and
  // sub-missions are rows spanning the table, so the project name gets the width.
  const cells = (amounts: (number | undefined)[]) => amounts.map((a) => (a === undefined || a === 0 ? '-' : money(a)));
  const rows: MatrixRow[] = [];
  let seq = 0;
  const projectRow = (): MatrixRow => {
    const { input: p, number } = placed[seq]!;
    const budget = budgets[seq]!;
    seq += 1;
    return { type: 'project', label: `${num(number)}) ${p.name}`, anchor: `project-${seq}`, amounts: cells(years.map((y) => budget.get(y))), remarks: p.remarks ?? '' };
  };
  input.dimensions.forEach((dim, d) => {
    const dn = d + 1;
    rows.push({ type: 'dimension', id: `dimension-${dn}`, label: `มิติที่ ${num(dn)} ${dim.name}` });
    dim.missions.forEach((mission, m) => {
      rows.push({ type: 'mission', label: `${num(outlineNumber(d, m))} ${mission.name}` });
      (mission.projects ?? []).forEach(() => rows.push(projectRow()));
      (mission.sub_missions ?? []).forEach((sub, s) => {
        rows.push({ type: 'sub', label: `${num(outlineNumber(d, m, s))} ${sub.name}` });
        (sub.projects ?? []).forEach(() => rows.push(projectRow()));
      });
    });
    rows.push({ type: 'subtotal', label: `รวมมิติที่ ${num(dn)} (จำนวน ${num(dimCounts[d]!)} โครงการ)`, amounts: cells(dimTotals[d]!) });
  });
  rows.push({ type: 'grand', label: `รวมทั้งสิ้น (จำนวน ${num(placed.length)} โครงการ)`, amounts: cells(grand) });
  keepHeadingsWithContent(rows);

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
      // A year column holds "๕,๘๒๕,๐๐๐.๐๐" (Thai digits are wide: 3.1 cm at 12 pt);
      // plans with many years shrink the figures rather than overflow the page.
      yearColumn: yearColumnStyle(years.length, widestAmount(rows)),
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

/** The longest figure of the matrix (the grand total, usually). */
function widestAmount(rows: readonly MatrixRow[]): string {
  const amounts = rows.flatMap((r) => ('amounts' in r ? r.amounts : []));
  return amounts.reduce((a, b) => (estimateWidthEm(b) > estimateWidthEm(a) ? b : a), '');
}

/**
 * A heading row (dimension, mission, sub-mission) stays on the page of the row that
 * opens its content; one with no content of its own (a sub-mission without projects)
 * does not drag the next heading with it: only what must stay together is kept.
 */
function keepHeadingsWithContent(rows: MatrixRow[]): void {
  const depth: Record<MatrixRow['type'], number> = { dimension: 0, mission: 1, sub: 2, project: 3, subtotal: 0, grand: 0 };
  rows.forEach((row, i) => {
    const next = rows[i + 1];
    if ((row.type === 'dimension' || row.type === 'mission' || row.type === 'sub') && next) row.keep = depth[next.type] > depth[row.type];
  });
}

type MatrixRow =
  | { type: 'dimension'; id: string; label: string; keep?: boolean }
  | { type: 'mission' | 'sub'; label: string; keep?: boolean }
  | { type: 'project'; label: string; anchor: string; amounts: string[]; remarks: string }
  | { type: 'subtotal' | 'grand'; label: string; amounts: string[] };

interface DetailPart {
  subtitle?: string;
  content: Prose;
}
interface DetailSection {
  number: string;
  title: string;
  parts: DetailPart[];
}

/**
 * The cover prints a one-line title broken where a person would break it: before
 * "เพื่อ" (Chromium's dictionary would otherwise split "เพื่อยก|ระดับ"). Lines typed in
 * YAML (a list, or line breaks) are kept as typed.
 */
function titleLines(title: string): string[] {
  const at = title.indexOf('เพื่อ', 1);
  return at > 0 ? [title.slice(0, at).trim(), title.slice(at).trim()] : [title];
}

/** Landscape text width, the remarks column and a figure cell's padding (templates/plan/style.css), in cm. */
const MATRIX = { text: 24.7, remarks: 2.0, padding: 0.2 };
/** The share of the matrix's width the names get at least. */
const NAME_SHARE = 0.4;

/**
 * The names get 40 % of the matrix's width at least (narrow names made tall rows and
 * pages that ended a quarter empty: the example's Part 2 took 16 pages, now 11); the
 * year columns share the rest, at most 3.1 cm each, their figures in the largest size up
 * to 12 pt at which the widest one fits.
 */
function yearColumnStyle(count: number, widest: string): { width: string; fontSize: string } {
  const width = Math.min(3.1, (MATRIX.text * (1 - NAME_SHARE) - MATRIX.remarks) / count);
  const cmPerPt = 2.54 / 72;
  const fit = (width - MATRIX.padding) / (estimateWidthEm(widest) * cmPerPt);
  return { width: `${width.toFixed(2)}cm`, fontSize: `${Math.max(8, Math.min(12, fit)).toFixed(1)}pt` };
}

/** "ปีละ ๑๐,๐๐๐ บาท รวม ๕๐,๐๐๐ บาท (ห้าหมื่นบาทถ้วน)", or per year, or "ไม่ใช้งบประมาณ". */
export function budgetText(budget: ReadonlyMap<number, number>, years: readonly number[], digits: DigitStyle): string {
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

export const planKind: DocumentKind<PlanInput> = {
  name: 'plan',
  title: bi('แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส', 'multi-year anti-corruption action plan'),
  noun: bi('แผนปฏิบัติการ', 'plan'),
  schema: 'plan.schema.json',
  rules,
  derive,
};
