/**
 * The report of the results of the integrity measures (รายงานผลการดำเนินการตามมาตรการ
 * ส่งเสริมคุณธรรมและความโปร่งใส): one landscape table, one row per measure.
 *
 * Authorities print this table in different layouts (seeds 000 and 001), so the
 * columns are data: `layout.columns` says which typed fields go in which column,
 * in which order, under which heading; `layout.group_by` gathers rows under an
 * assessment issue or an ITA indicator. Every field stays typed: lists are lists,
 * periods are dates or fiscal months, budgets are amounts, links are URLs.
 *
 * When `measures_document` names the authority's measures document, every measure
 * there must have a result here and every result must match a measure.
 */
import { bi, type YamlPath } from '../diagnostics.js';
import {
  applyDigits,
  beYear,
  ceYear,
  daysInMonth,
  fiscalYearOf,
  formatDateLong,
  formatFiscalPeriodLong,
  formatMoney,
  parseAmount,
  parseIsoDate,
  parseIsoMonth,
  THAI_MONTHS_ABBR,
  type DigitStyle,
  type IsoDate,
} from '../thai/index.js';
import { nearest } from '../validate/suggest.js';
import { rulesFor } from './ita-levels.js';
import { measureList } from './measures.js';
import type { DeriveContext, DerivedDocument, DocumentKind, KindContext } from './kind.js';

// ---------------------------------------------------------------------------
// Input (mirrors schemas/results.schema.json)

export const FIELD_NAMES = [
  'number',
  'measure',
  'budget',
  'issue',
  'indicator',
  'steps',
  'responsible',
  'responsible_main',
  'responsible_support',
  'period',
  'outputs',
  'outcomes',
  'links',
  'status',
  'problems',
  'suggestions',
  'remarks',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

type ListItemInput = string | { text: string; items: string[]; list?: 'numbered' | 'bulleted' };
type TextList = string | ListItemInput[];
type UnitList = string | string[];
type ResponsibleInput = UnitList | { main: UnitList; support?: UnitList };
export type PeriodShorthand = 'whole_year' | 'first_half' | 'second_half' | 'q1' | 'q2' | 'q3' | 'q4';
type PeriodInput = PeriodShorthand | { from: string; to: string };
type BudgetInput = 'none' | 'ไม่ใช้งบประมาณ' | number;
type Status = 'done' | 'in_progress' | 'not_started' | 'cancelled';

export interface ItemInput {
  measure: string;
  measure_id?: string;
  issue?: string;
  indicator?: number;
  budget?: BudgetInput;
  steps?: TextList;
  responsible?: ResponsibleInput;
  period?: PeriodInput;
  outputs?: TextList;
  outcomes?: TextList;
  links?: { title?: string; url: string }[];
  status?: Status;
  problems?: TextList;
  suggestions?: TextList;
  remarks?: TextList;
}

interface ColumnInput {
  field: FieldName | FieldName[];
  title?: string;
  width?: number;
  list?: 'numbered' | 'bulleted';
  numbered?: boolean;
  align?: 'left' | 'center' | 'right';
}

type GroupBy = 'none' | 'issue' | 'indicator';

interface LayoutInput {
  columns: ColumnInput[];
  group_by?: GroupBy;
  continued_label?: boolean | string;
  font_size?: number;
}

export interface ResultsInput {
  kind: 'results';
  options?: { digits?: DigitStyle };
  authority: { name: string; short_name?: string; province?: string; website?: string };
  fiscal_year: number;
  title?: string;
  subtitle?: string;
  date?: string;
  introduction?: string;
  conclusion?: string;
  measures_document?: string;
  layout?: LayoutInput;
  indicator_names?: Record<string, string>;
  items: ItemInput[];
  approval?: { name: string; position: string | string[]; date: string };
}

const DEFAULT_TITLE = 'รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส';
const DEFAULT_SUBTITLE = 'ของ{{authority}} ประจำปีงบประมาณ พ.ศ. {{fiscal_year}}';
const DEFAULT_CONTINUED = '(ต่อ)';

/** Standard heading, relative width and alignment of each field's column. */
const FIELD_INFO: Record<FieldName, { title: string; weight: number; align: 'left' | 'center'; list: boolean }> = {
  number: { title: 'ลำดับ', weight: 5, align: 'center', list: false },
  measure: { title: 'มาตรการ', weight: 17, align: 'left', list: false },
  budget: { title: 'งบประมาณ (บาท)', weight: 10, align: 'center', list: false },
  issue: { title: 'ประเด็นการประเมิน', weight: 14, align: 'left', list: false },
  indicator: { title: 'ตัวชี้วัด', weight: 13, align: 'left', list: false },
  steps: { title: 'วิธีการดำเนินการ', weight: 24, align: 'left', list: true },
  responsible: { title: 'ผู้รับผิดชอบ', weight: 12, align: 'left', list: false },
  responsible_main: { title: 'ผู้รับผิดชอบหลัก', weight: 11, align: 'left', list: false },
  responsible_support: { title: 'หน่วยงานสนับสนุน', weight: 11, align: 'left', list: false },
  period: { title: 'ระยะเวลา', weight: 9, align: 'center', list: false },
  outputs: { title: 'ผลการดำเนินการ', weight: 26, align: 'left', list: true },
  outcomes: { title: 'ผลลัพธ์', weight: 18, align: 'left', list: true },
  links: { title: 'หลักฐาน', weight: 16, align: 'left', list: false },
  status: { title: 'สถานะ', weight: 9, align: 'center', list: false },
  problems: { title: 'ปัญหา/อุปสรรค', weight: 14, align: 'left', list: true },
  suggestions: { title: 'ข้อเสนอแนะ', weight: 12, align: 'left', list: true },
  remarks: { title: 'หมายเหตุ', weight: 10, align: 'left', list: true },
};

/** Fields whose absence from a row leaves a cell the assessor expects filled. */
const EXPECTED_FIELDS: readonly FieldName[] = ['steps', 'responsible', 'responsible_main', 'period', 'outputs'];

const STATUS_TEXT: Record<Status, string> = {
  done: 'ดำเนินการแล้ว',
  in_progress: 'อยู่ระหว่างดำเนินการ',
  not_started: 'ยังไม่ได้ดำเนินการ',
  cancelled: 'ยกเลิก',
};

/** The item key that carries a field's data (responsible_main/support read `responsible`). */
function sourceKey(field: FieldName): keyof ItemInput | undefined {
  if (field === 'number') return undefined;
  if (field === 'responsible_main' || field === 'responsible_support') return 'responsible';
  return field;
}

const fieldsOf = (c: ColumnInput): FieldName[] => (Array.isArray(c.field) ? c.field : [c.field]);

// ---------------------------------------------------------------------------
// Layout

interface ResolvedLayout {
  columns: ColumnInput[];
  groupBy: GroupBy;
  continued?: string;
  fontSize: number;
  /** True when the author wrote `layout:`; the default layout adapts to the data. */
  explicit: boolean;
}

function defaultLayout(items: ItemInput[]): LayoutInput {
  const has = (f: keyof ItemInput) => items.some((i) => i[f] !== undefined);
  const all = (f: keyof ItemInput) => items.every((i) => i[f] !== undefined);
  const columns: ColumnInput[] = [
    { field: has('budget') ? ['measure', 'budget'] : 'measure', numbered: true },
    { field: 'steps' },
    { field: 'responsible' },
    { field: 'period' },
    { field: has('links') ? ['outputs', 'links'] : 'outputs' },
  ];
  for (const f of ['outcomes', 'status', 'problems', 'suggestions', 'remarks'] as const) if (has(f)) columns.push({ field: f });
  const groupBy: GroupBy = all('issue') ? 'issue' : all('indicator') ? 'indicator' : 'none';
  return { columns, group_by: groupBy };
}

export function resolveLayout(input: ResultsInput): ResolvedLayout {
  const layout = input.layout ?? defaultLayout(input.items);
  const label = layout.continued_label;
  return {
    columns: layout.columns,
    groupBy: layout.group_by ?? 'none',
    continued: label === true ? DEFAULT_CONTINUED : typeof label === 'string' ? label : undefined,
    fontSize: layout.font_size ?? 14,
    explicit: input.layout !== undefined,
  };
}

/** Column widths in percent, summing to 100: given widths are kept, the rest share what is left by field weight. */
export function columnWidths(columns: readonly ColumnInput[]): number[] {
  const weight = (c: ColumnInput) => Math.max(...fieldsOf(c).map((f) => FIELD_INFO[f].weight));
  const given = columns.reduce((a, c) => a + (c.width ?? 0), 0);
  const free = columns.filter((c) => c.width === undefined);
  if (free.length === 0) return columns.map((c) => (c.width! * 100) / given);
  const freeWeight = free.reduce((a, c) => a + weight(c), 0);
  const left = Math.max(0, 100 - given);
  return columns.map((c) => c.width ?? (left * weight(c)) / freeWeight);
}

// ---------------------------------------------------------------------------
// Dates and periods

type Point = { kind: 'date'; date: IsoDate } | { kind: 'month'; year: number; month: number };

function parsePoint(s: string): Point | null {
  const d = parseIsoDate(s);
  if (d) return { kind: 'date', date: d };
  const m = parseIsoMonth(s);
  return m ? { kind: 'month', ...m } : null;
}

/** The first (or last) day a point covers. */
function dayOf(p: Point, end: boolean): IsoDate {
  if (p.kind === 'date') return p.date;
  return { year: p.year, month: p.month, day: end ? daysInMonth(p.year, p.month) : 1 };
}

const dayNumber = (d: IsoDate) => d.year * 10000 + d.month * 100 + d.day;
const twoDigits = (ceYearValue: number) => String(beYear(ceYearValue) % 100).padStart(2, '0');

/** "ต.ค. ๖๗" or "๒ ต.ค. ๖๗": the short forms the seeds print in narrow columns. */
function pointText(p: Point): string {
  if (p.kind === 'month') return `${THAI_MONTHS_ABBR[p.month - 1]} ${twoDigits(p.year)}`;
  return `${p.date.day} ${THAI_MONTHS_ABBR[p.date.month - 1]} ${twoDigits(p.date.year)}`;
}

/** CE months [from, to] of a shorthand in fiscal year fy. */
function shorthandMonths(s: PeriodShorthand, fy: number): [{ year: number; month: number }, { year: number; month: number }] {
  const y = ceYear(fy);
  switch (s) {
    case 'whole_year':
      return [{ year: y - 1, month: 10 }, { year: y, month: 9 }];
    case 'first_half':
      return [{ year: y - 1, month: 10 }, { year: y, month: 3 }];
    case 'second_half':
      return [{ year: y, month: 4 }, { year: y, month: 9 }];
    case 'q1':
      return [{ year: y - 1, month: 10 }, { year: y - 1, month: 12 }];
    case 'q2':
      return [{ year: y, month: 1 }, { year: y, month: 3 }];
    case 'q3':
      return [{ year: y, month: 4 }, { year: y, month: 6 }];
    case 'q4':
      return [{ year: y, month: 7 }, { year: y, month: 9 }];
  }
}

/** "ต.ค. ๖๗ – ก.ย. ๖๘", "๑ ธ.ค. ๖๗ – ๓๐ ก.ย. ๖๘", or one point when both ends are the same. */
export function periodText(period: PeriodInput, fy: number, digits: DigitStyle): string {
  let from: Point | null;
  let to: Point | null;
  if (typeof period === 'string') {
    const [a, b] = shorthandMonths(period, fy);
    from = { kind: 'month', ...a };
    to = { kind: 'month', ...b };
  } else {
    from = parsePoint(period.from);
    to = parsePoint(period.to);
  }
  if (!from || !to) return '';
  const a = pointText(from);
  const b = pointText(to);
  return applyDigits(a === b ? a : `${a} \u2013 ${b}`, digits);
}

const DATE_PLACEHOLDER = /\{\{\s*(date|date_long)\s+([^{}\s]+)\s*\}\}/g;

/** A `{{date 2025-04-01}}` in prose: its text and where it sits in the source. */
interface ProseDate {
  whole: string;
  style: 'date' | 'date_long';
  value: string;
}

function proseDates(text: string): ProseDate[] {
  return [...text.matchAll(DATE_PLACEHOLDER)].map((m) => ({ whole: m[0], style: m[1] as 'date' | 'date_long', value: m[2]! }));
}

/** The formatted text of a date placeholder, or undefined when the value is not a date or month. */
function formatProseDate(style: 'date' | 'date_long', value: string, digits: DigitStyle): string | undefined {
  const p = parsePoint(value);
  if (!p) return undefined;
  if (p.kind === 'month') return applyDigits(style === 'date_long' ? `${monthLong(p.month)} ${beYear(p.year)}` : `${THAI_MONTHS_ABBR[p.month - 1]} ${beYear(p.year)}`, digits);
  return style === 'date_long' ? formatDateLong(p.date, digits) : applyDigits(`${p.date.day} ${THAI_MONTHS_ABBR[p.date.month - 1]} ${beYear(p.date.year)}`, digits);
}

function monthLong(month: number): string {
  return formatDateLong({ year: 2000, month, day: 1 }, 'arabic').split(' ')[1]!;
}

// ---------------------------------------------------------------------------
// Walking the prose of a document

const PROSE_FIELDS = ['steps', 'outputs', 'outcomes', 'problems', 'suggestions', 'remarks'] as const;

/** Every text of an item's prose fields with its YAML path. */
function proseTexts(item: ItemInput, base: YamlPath): { text: string; path: YamlPath }[] {
  const out: { text: string; path: YamlPath }[] = [];
  for (const field of PROSE_FIELDS) {
    const value = item[field];
    if (value === undefined) continue;
    if (typeof value === 'string') out.push({ text: value, path: [...base, field] });
    else
      value.forEach((entry, i) => {
        if (typeof entry === 'string') out.push({ text: entry, path: [...base, field, i] });
        else {
          out.push({ text: entry.text, path: [...base, field, i, 'text'] });
          entry.items.forEach((sub, j) => out.push({ text: sub, path: [...base, field, i, 'items', j] }));
        }
      });
  }
  return out;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function responsibleOf(value: ResponsibleInput | undefined): { main: string[]; support: string[] } {
  const list = (v: UnitList | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  if (value === undefined) return { main: [], support: [] };
  if (typeof value === 'object' && !Array.isArray(value)) return { main: list(value.main), support: list(value.support) };
  return { main: list(value), support: [] };
}

function indicatorName(no: number, input: ResultsInput): string {
  const custom = input.indicator_names?.[String(no)];
  if (custom) return custom;
  const lookup = rulesFor(input.fiscal_year);
  return lookup.ok ? (lookup.rules.indicators.find((i) => i.no === no)?.name ?? '') : '';
}

function groupKeyOf(item: ItemInput, groupBy: GroupBy): string | undefined {
  if (groupBy === 'issue') return item.issue === undefined ? undefined : collapse(item.issue);
  if (groupBy === 'indicator') return item.indicator === undefined ? undefined : String(item.indicator);
  return '';
}

/** Items in print order: gathered by group (groups in order of first appearance), each with its index in `items`. */
function grouped(input: ResultsInput, groupBy: GroupBy): { key: string; items: number[] }[] {
  const groups = new Map<string, number[]>();
  input.items.forEach((item, i) => {
    const key = groupKeyOf(item, groupBy) ?? '';
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  });
  return [...groups.entries()].map(([key, items]) => ({ key, items }));
}

// ---------------------------------------------------------------------------
// Rules

async function rules(input: ResultsInput, ctx: KindContext): Promise<void> {
  const layout = resolveLayout(input);
  if (layout.explicit) checkLayout(input, layout, ctx);
  checkItems(input, layout, ctx);
  checkProseDates(input, ctx);
  await checkMeasuresLink(input, ctx);
}

function checkLayout(input: ResultsInput, layout: ResolvedLayout, ctx: KindContext): void {
  const colPath = (i: number, key?: string): YamlPath => ['layout', 'columns', i, ...(key ? [key] : [])];
  const seen = new Map<FieldName, number>();
  layout.columns.forEach((c, i) => {
    for (const f of fieldsOf(c)) {
      const first = seen.get(f);
      if (first !== undefined) {
        ctx.problem('error', 'results/duplicate-field', colPath(i, 'field'), bi(`ข้อมูล ${f} อยู่ในคอลัมน์ที่ ${first + 1} แล้ว`, `field ${f} is already shown in column ${first + 1}`), bi('ให้ข้อมูลหนึ่งชนิดอยู่ในคอลัมน์เดียว', 'show each field in one column only'));
      } else seen.set(f, i);
    }
    if (c.numbered !== undefined && !fieldsOf(c).includes('measure')) {
      ctx.problem('error', 'results/numbered-field', colPath(i, 'numbered'), bi('numbered ใช้ได้กับคอลัมน์ของ measure เท่านั้น', 'numbered applies to the measure column only'), bi('ลบ numbered หรือใช้คอลัมน์ field: number สำหรับลำดับที่', 'remove numbered, or add a column with field: number'), { key: true });
    }
    if (c.list !== undefined && !fieldsOf(c).some((f) => FIELD_INFO[f].list)) {
      ctx.problem('error', 'results/list-field', colPath(i, 'list'), bi(`คอลัมน์นี้ไม่มีข้อมูลที่เป็นรายการ (${fieldsOf(c).join(', ')})`, `this column shows no list field (${fieldsOf(c).join(', ')})`), bi('list ใช้กับ steps, outputs, outcomes, problems, suggestions, remarks', 'list applies to steps, outputs, outcomes, problems, suggestions, remarks'), { key: true });
    }
  });
  const given = layout.columns.reduce((a, c) => a + (c.width ?? 0), 0);
  const free = layout.columns.filter((c) => c.width === undefined).length;
  if (given > 100 || (free > 0 && given > 100 - 3 * free)) {
    ctx.problem('error', 'results/widths', ['layout', 'columns'], bi(`ความกว้างที่กำหนดรวมกันได้ร้อยละ ${given} ไม่เหลือที่ให้คอลัมน์อื่น`, `the given widths add up to ${given} %, leaving no room for the other columns`), bi('ลดความกว้าง (width) ให้รวมกันไม่เกิน 100 หรือไม่ระบุ width เพื่อให้เครื่องมือแบ่งให้', 'lower the widths so they add up to at most 100, or leave width out'));
  }
  // Data that no column shows would vanish silently from the PDF.
  const shown = new Set<keyof ItemInput>(layout.columns.flatMap(fieldsOf).map(sourceKey).filter((k): k is keyof ItemInput => k !== undefined));
  if (layout.groupBy !== 'none') shown.add(layout.groupBy);
  const hidden = new Map<string, number[]>();
  input.items.forEach((item, i) => {
    for (const key of Object.keys(item) as (keyof ItemInput)[]) {
      if (key === 'measure_id' || shown.has(key)) continue;
      hidden.set(key, [...(hidden.get(key) ?? []), i]);
    }
  });
  for (const [key, rows] of hidden) {
    ctx.problem('warning', 'results/field-not-shown', ['items', rows[0]!, key], bi(`ข้อมูล ${key} (${rows.length} แถว) ไม่ได้อยู่ในคอลัมน์ใดของ layout จึงจะไม่พิมพ์`, `${key} (${rows.length} row(s)) is in no layout column, so it will not be printed`), bi(`เพิ่มคอลัมน์ { field: ${key} } หรือซ้อนในคอลัมน์อื่น เช่น field: [outputs, ${key}]`, `add a column { field: ${key} } or stack it, e.g. field: [outputs, ${key}]`), { key: true });
  }
}

function checkItems(input: ResultsInput, layout: ResolvedLayout, ctx: KindContext): void {
  const fy = input.fiscal_year;
  const shownFields = new Set(layout.columns.flatMap(fieldsOf));
  const titles = new Map<string, number>();
  const issues = new Map<string, { name: string; index: number }>();

  input.items.forEach((item, i) => {
    const at = (...rest: (string | number)[]): YamlPath => ['items', i, ...rest];

    if (layout.groupBy !== 'none' && groupKeyOf(item, layout.groupBy) === undefined) {
      ctx.problem('error', 'results/group-missing', at(), bi(`ตารางจัดกลุ่มตาม ${layout.groupBy} แต่แถวนี้ไม่มี ${layout.groupBy}`, `rows are grouped by ${layout.groupBy}, but this row has no ${layout.groupBy}`), bi(`เพิ่ม ${layout.groupBy}: ... ในแถวนี้`, `add "${layout.groupBy}: ..." to this row`));
    }

    // "(ไม่ใช้งบประมาณ)" typed into the title is the budget field written by hand (seed 001 misspelt it).
    if (/ไม่ใช[้่]\s*งบประมาณ/.test(item.measure)) {
      ctx.problem('warning', 'results/budget-in-title', at('measure'), bi('ชื่อมาตรการมีข้อความ "ไม่ใช้งบประมาณ" ซึ่งควรเป็นข้อมูลงบประมาณ', 'the measure title contains "ไม่ใช้งบประมาณ", which belongs in the budget field'), bi('ลบข้อความนั้นออกจากชื่อ แล้วเขียน budget: none (ถ้าต้องการพิมพ์ใต้ชื่อ ใช้ field: [measure, budget])', 'remove it from the title and write budget: none (stack it under the title with field: [measure, budget])'));
    }

    const key = item.measure_id ?? collapse(item.measure);
    const first = titles.get(key);
    if (first !== undefined) {
      const line = ctx.doc.locate(['items', first, 'measure']).line;
      ctx.problem('warning', 'results/duplicate-measure', at(item.measure_id ? 'measure_id' : 'measure'), bi(`มาตรการซ้ำกับแถวที่บรรทัด ${line}`, `the measure repeats the one on line ${line}`), bi('ตรวจว่าคัดลอกมาโดยไม่ได้แก้ชื่อหรือไม่', 'check whether it was copied without changing the title'));
    } else titles.set(key, i);

    if (item.issue !== undefined) {
      const name = collapse(item.issue);
      if (!issues.has(name)) {
        const similar = nearest(name, [...issues.keys()]);
        if (similar !== undefined && similar !== name) {
          const other = issues.get(similar)!;
          const line = ctx.doc.locate(['items', other.index, 'issue']).line;
          ctx.problem('warning', 'results/similar-issue', at('issue'), bi(`ประเด็น "${name}" คล้ายกับ "${similar}" (บรรทัด ${line}) จึงจะเป็นคนละกลุ่ม`, `issue "${name}" is close to "${similar}" (line ${line}) and will form a separate group`), bi('ถ้าเป็นประเด็นเดียวกัน พิมพ์ชื่อให้ตรงกัน', 'if they are the same issue, spell them the same'));
        }
        issues.set(name, { name, index: i });
      }
    }

    if (item.period !== undefined && typeof item.period === 'object') checkPeriod(item.period, at('period'), fy, ctx);

    for (const [k, link] of (item.links ?? []).entries()) {
      if (/[\u0e50-\u0e59]/.test(link.url)) {
        ctx.problem('warning', 'results/url-thai-digits', at('links', k, 'url'), bi('ที่อยู่เว็บมีเลขไทย ซึ่งมักเกิดจากการแปลงตัวเลขทั้งเอกสารใน Word ลิงก์จะเปิดไม่ได้', 'the URL contains Thai digits, usually left by converting a whole Word document; the link will not open'), bi('เปลี่ยนเลขไทยในที่อยู่เว็บเป็นเลขอารบิก (เครื่องมือไม่แปลงตัวเลขใน URL)', 'write the digits of the URL in Arabic digits (the tool never converts digits in URLs)'));
      }
    }

    const empty = EXPECTED_FIELDS.filter((f) => shownFields.has(f) && (f === 'responsible_main' ? responsibleOf(item.responsible).main.length === 0 : item[f as keyof ItemInput] === undefined));
    if (empty.length > 0) {
      const keys = [...new Set(empty.map((f) => sourceKey(f)!))];
      ctx.problem('warning', 'results/empty-cell', at('measure'), bi(`แถวนี้ไม่มีข้อมูล ${empty.map((f) => `${f} (${FIELD_INFO[f].title})`).join(', ')} ช่องนั้นจะพิมพ์เป็น -`, `this row has no ${empty.join(', ')}; those cells will print "-"`), bi(`เพิ่ม ${keys.map((k) => `${k}:`).join(' ')} ในแถวนี้`, `add ${keys.map((k) => `"${k}: ..."`).join(', ')} to this row`));
    }
  });
}

function checkPeriod(period: { from: string; to: string }, path: YamlPath, fy: number, ctx: KindContext): void {
  const points: (Point | null)[] = [];
  for (const side of ['from', 'to'] as const) {
    const value = period[side];
    const year = Number(value.slice(0, 4));
    const p = parsePoint(value);
    if (year >= 2400) {
      ctx.problem('error', 'date/buddhist-year', [...path, side], bi(`วันที่ ${value} ใช้ปี พ.ศ. แต่ฟิลด์นี้ใช้ปี ค.ศ.`, `${value} uses a Buddhist-era year; this field takes the Christian era`), bi(`ใช้ ${year - 543}${value.slice(4)} (เครื่องมือแสดงเป็น พ.ศ. ให้เอง)`, `write ${year - 543}${value.slice(4)}; the tool prints the Buddhist era`));
      points.push(null);
    } else if (!p) {
      ctx.problem('error', 'date/invalid', [...path, side], bi(`ไม่มีวันที่หรือเดือน ${value} ในปฏิทิน`, `${value} is not a calendar date or month`), bi('ตรวจเดือน (01–12) และวัน', 'check the month (01–12) and day'));
      points.push(null);
    } else points.push(p);
  }
  const [from, to] = points;
  if (!from || !to) return;
  const start = dayOf(from, false);
  const end = dayOf(to, true);
  if (dayNumber(start) > dayNumber(end)) {
    ctx.problem('error', 'results/period-order', [...path, 'to'], bi(`ระยะเวลาสิ้นสุด (${period.to}) ก่อนเริ่ม (${period.from})`, `the period ends (${period.to}) before it starts (${period.from})`), bi('สลับค่า from และ to', 'swap from and to'));
    return;
  }
  for (const [side, day] of [['from', start], ['to', end]] as const) {
    if (fiscalYearOf(day) !== fy) {
      ctx.problem('warning', 'date/outside-fiscal-year', [...path, side], bi(`${period[side]} อยู่นอกปีงบประมาณ พ.ศ. ${fy} (${formatFiscalPeriodLong(fy, 'arabic')})`, `${period[side]} is outside fiscal year ${fy} (${ceYear(fy) - 1}-10-01 – ${ceYear(fy)}-09-30)`), bi('ตรวจปี ค.ศ. ของวันที่ หรือรายงานผลนี้ในรายงานของปีงบประมาณที่ถูกต้อง', 'check the year, or report this in the report of the right fiscal year'));
    }
  }
}

/** `{{date …}}` in prose: a real date, inside the fiscal year (seed 001 reported a meeting after the year had ended). */
function checkProseDates(input: ResultsInput, ctx: KindContext): void {
  const texts: { text: string; path: YamlPath }[] = [];
  if (input.introduction) texts.push({ text: input.introduction, path: ['introduction'] });
  if (input.conclusion) texts.push({ text: input.conclusion, path: ['conclusion'] });
  input.items.forEach((item, i) => texts.push(...proseTexts(item, ['items', i])));
  const fy = input.fiscal_year;
  for (const { text, path } of texts) {
    for (const d of proseDates(text)) {
      const where = { severity: 'error' as const, file: ctx.doc.file, path, ...ctx.doc.locateText(path, d.whole) };
      const p = parsePoint(d.value);
      if (!p) {
        ctx.report({ ...where, code: 'date/invalid', message: bi(`${d.whole}: ไม่มีวันที่ ${d.value} ในปฏิทิน`, `${d.whole}: ${d.value} is not a calendar date`), hint: bi('เขียนวันที่แบบ ปปปป-ดด-วว ปี ค.ศ. เช่น {{date 2025-04-01}}', 'write the date as YYYY-MM-DD (Christian era), e.g. {{date 2025-04-01}}') });
        continue;
      }
      const year = p.kind === 'date' ? p.date.year : p.year;
      if (year >= 2400) {
        ctx.report({ ...where, code: 'date/buddhist-year', message: bi(`${d.whole} ใช้ปี พ.ศ. แต่วันที่ในไฟล์ใช้ปี ค.ศ.`, `${d.whole} uses a Buddhist-era year; dates take the Christian era`), hint: bi(`ใช้ ${year - 543}${d.value.slice(4)}`, `write ${year - 543}${d.value.slice(4)}`) });
        continue;
      }
      const startFy = fiscalYearOf(dayOf(p, false));
      const endFy = fiscalYearOf(dayOf(p, true));
      if (startFy !== fy || endFy !== fy) {
        ctx.report({ ...where, severity: 'warning', code: 'date/outside-fiscal-year', message: bi(`${d.whole} (${formatProseDate('date_long', d.value, 'arabic')}) อยู่นอกปีงบประมาณ พ.ศ. ${fy} ที่รายงาน`, `${d.whole} is outside the reported fiscal year ${fy}`), hint: bi(`ปีงบประมาณ พ.ศ. ${fy} คือ ${formatFiscalPeriodLong(fy, 'arabic')} ตรวจวันที่ หรือย้ายผลนี้ไปรายงานในปีงบประมาณถัดไป`, `fiscal year ${fy} runs ${ceYear(fy) - 1}-10-01 to ${ceYear(fy)}-09-30; check the date or report it next year`) });
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Linking to the measures document

async function checkMeasuresLink(input: ResultsInput, ctx: KindContext): Promise<void> {
  if (input.measures_document === undefined) return;
  const at: YamlPath = ['measures_document'];
  const err = (code: string, message: ReturnType<typeof bi>, hint?: ReturnType<typeof bi>) => ctx.problem('error', code, at, message, hint);
  const linked = await ctx.linked(input.measures_document, at, 'measures');
  if (!linked) return;
  const measures = linked.data as { authority?: { name?: string }; fiscal_year?: number };
  if (measures.authority?.name !== undefined && collapse(measures.authority.name) !== collapse(input.authority.name)) {
    err('results/link-authority', bi(`เอกสารมาตรการเป็นของ ${measures.authority.name} ไม่ใช่ ${input.authority.name}`, `the measures document belongs to ${measures.authority.name}, not ${input.authority.name}`), bi('ระบุเอกสารมาตรการของหน่วยงานเดียวกัน', 'name the measures document of the same authority'));
  }
  if (measures.fiscal_year !== undefined && measures.fiscal_year !== input.fiscal_year) {
    err('results/link-year', bi(`เอกสารมาตรการเป็นของปีงบประมาณ ${measures.fiscal_year} แต่รายงานนี้เป็นปี ${input.fiscal_year}`, `the measures document is for fiscal year ${measures.fiscal_year}, this report for ${input.fiscal_year}`), bi('ระบุเอกสารมาตรการของปีงบประมาณเดียวกัน', 'name the measures document of the same fiscal year'));
  }

  const list = measureList(linked.data as Parameters<typeof measureList>[0]);
  const byKey = new Map(list.map((m) => [m.key, m]));
  const byTitle = new Map(list.map((m) => [collapse(m.title), m]));
  const matched = new Set<string>();
  input.items.forEach((item, i) => {
    const found = item.measure_id !== undefined ? byKey.get(item.measure_id) : (byKey.get(collapse(item.measure)) ?? byTitle.get(collapse(item.measure)));
    if (found) {
      matched.add(found.key);
      return;
    }
    const byId = item.measure_id !== undefined;
    const guess = byId ? nearest(item.measure_id!, [...byKey.keys()]) : nearest(collapse(item.measure), [...byTitle.keys()]);
    const what = byId ? `รหัส ${item.measure_id}` : `"${collapse(item.measure)}"`;
    ctx.problem(
      'error',
      'results/unknown-measure',
      ['items', i, byId ? 'measure_id' : 'measure'],
      bi(`ไม่มีมาตรการ ${what} ใน ${input.measures_document}`, `no measure ${byId ? `with id ${item.measure_id}` : `"${collapse(item.measure)}"`} in ${input.measures_document}`),
      guess
        ? bi(`หมายถึง "${guess}" หรือไม่?`, `did you mean "${guess}"?`)
        : bi(`ใช้ชื่อให้ตรงกับเอกสารมาตรการ หรือระบุ measure_id (${[...byKey.keys()].slice(0, 6).join(', ')}${byKey.size > 6 ? ', …' : ''})`, `use the title of the measures document, or measure_id (${[...byKey.keys()].slice(0, 6).join(', ')}${byKey.size > 6 ? ', …' : ''})`),
    );
  });
  for (const m of list) {
    if (matched.has(m.key)) continue;
    const line = linked.doc.locate(m.path).line;
    ctx.problem('error', 'results/missing-result', at, bi(`มาตรการ "${m.title}" (บรรทัด ${line} ของ ${input.measures_document}) ยังไม่มีผลการดำเนินการในรายงานนี้`, `measure "${m.title}" (line ${line} of ${input.measures_document}) has no result in this report`), bi(`เพิ่มแถวใน items: - measure: ${m.title}${m.key !== collapse(m.title) ? ` (หรือ measure_id: ${m.key})` : ''}`, `add an item "- measure: ${m.title}"${m.key !== collapse(m.title) ? ` (or measure_id: ${m.key})` : ''}`));
  }
}

// ---------------------------------------------------------------------------
// Derive

type Block =
  | { type: 'text'; value: string; cls?: string }
  | { type: 'md'; value: string }
  | { type: 'list'; style: 'numbered' | 'bulleted'; items: { marker: string; text: string; sub: boolean; bullet: boolean }[] }
  | { type: 'lines'; label?: string; lines: string[] }
  | { type: 'links'; links: { title?: string; url: string; parts: string[] }[] };

interface Cell {
  cls: string;
  blocks: Block[];
  /** Set on the cells of the group column: the group's name, for "(ต่อ)" on continuation pages. */
  groupTitle?: string;
}

interface Row {
  group: string;
  cells: Cell[];
}

/** A URL cut after / . ? & = - _ # so a long one wraps at a sensible place (each part is escaped by the template, then <wbr>). */
export function urlParts(url: string): string[] {
  return url.split(/(?<=[/.?&=_#-])/).filter((p) => p !== '');
}

function derive(input: ResultsInput, ctx: DeriveContext): DerivedDocument {
  const digits = ctx.digits;
  const num = (n: number | string) => applyDigits(String(n), digits);
  const fy = input.fiscal_year;
  const layout = resolveLayout(input);
  const values = new Map<string, string>([
    ['authority', input.authority.name],
    ['authority_short', input.authority.short_name ?? input.authority.name],
    ['province', input.authority.province ?? ''],
    ['fiscal_year', num(fy)],
    ['previous_fiscal_year', num(fy - 1)],
    ['fiscal_period', formatFiscalPeriodLong(fy, digits)],
    ['items', num(input.items.length)],
  ]);
  const dated = (text: string) => text.replace(DATE_PLACEHOLDER, (whole, style: 'date' | 'date_long', value: string) => formatProseDate(style, value, digits) ?? whole);
  const prose = (text: string, path: YamlPath) => ctx.prose(dated(text), path, values);

  const listBlock = (value: TextList, path: YamlPath, style: 'numbered' | 'bulleted'): Block[] => {
    if (typeof value === 'string') return [{ type: 'md', value: prose(value, path) }];
    const marker = (n: string) => (style === 'numbered' ? `${n}.` : '-');
    // Sub-items are list items of their own (class "sub"), so a page can fall between any two of them.
    const items = value.flatMap((entry, i) => {
      if (typeof entry === 'string') return [{ marker: marker(num(i + 1)), text: prose(entry, [...path, i]), sub: false, bullet: style === 'bulleted' }];
      const subStyle = entry.list ?? style;
      return [
        { marker: marker(num(i + 1)), text: prose(entry.text, [...path, i, 'text']), sub: false, bullet: style === 'bulleted' },
        ...entry.items.map((s, j) => ({
          marker: subStyle === 'bulleted' ? '-' : style === 'numbered' ? `${num(i + 1)}.${num(j + 1)}` : `${num(j + 1)}.`,
          text: prose(s, [...path, i, 'items', j]),
          sub: true,
          bullet: subStyle === 'bulleted',
        })),
      ];
    });
    // A one-step list reads better without "๑." in front (seed 000 prints it so).
    if (items.length === 1 && style === 'numbered') return [{ type: 'md', value: items[0]!.text }];
    return [{ type: 'list', style, items }];
  };

  const budgetText = (b: BudgetInput): string => {
    if (typeof b === 'string') return 'ไม่ใช้งบประมาณ';
    const parsed = parseAmount(b);
    return parsed.ok ? `${formatMoney(parsed.satang, { digits, decimals: false })} บาท` : String(b);
  };
  const indicatorLabel = (no: number) => {
    const name = indicatorName(no, input);
    return `ตัวชี้วัดที่ ${num(no)}${name ? ` ${name}` : ''}`;
  };
  const groupTitle = (key: string): string => (layout.groupBy === 'indicator' ? indicatorLabel(Number(key)) : key);
  const dash: Block = { type: 'text', value: '-', cls: 'empty' };

  const groupColumn = layout.groupBy === 'none' ? -1 : layout.columns.findIndex((c) => fieldsOf(c).length === 1 && fieldsOf(c)[0] === layout.groupBy);
  const groupMode: 'none' | 'row' | 'column' = layout.groupBy === 'none' ? 'none' : groupColumn >= 0 ? 'column' : 'row';

  const fieldBlocks = (field: FieldName, item: ItemInput, i: number, col: ColumnInput, seq: number, stacked: boolean): Block[] => {
    const path: YamlPath = ['items', i];
    const style = col.list ?? 'numbered';
    switch (field) {
      case 'number':
        return [{ type: 'text', value: num(seq) }];
      case 'measure': {
        const prefix = col.numbered ? `${num(seq)}. ` : '';
        return [{ type: 'text', value: `${prefix}${item.measure}`, cls: 'measure' }];
      }
      case 'budget':
        if (item.budget === undefined) return stacked ? [] : [dash];
        return [{ type: 'text', value: stacked ? `(${budgetText(item.budget)})` : budgetText(item.budget), cls: 'budget' }];
      case 'issue':
        return item.issue === undefined ? [dash] : [{ type: 'text', value: item.issue }];
      case 'indicator':
        return item.indicator === undefined ? [dash] : [{ type: 'text', value: indicatorLabel(item.indicator) }];
      case 'period':
        return item.period === undefined ? [dash] : [{ type: 'text', value: periodText(item.period, fy, digits), cls: 'period' }];
      case 'status':
        return item.status === undefined ? (stacked ? [] : [dash]) : [{ type: 'text', value: STATUS_TEXT[item.status] }];
      case 'responsible': {
        const r = responsibleOf(item.responsible);
        if (r.main.length === 0) return [dash];
        const blocks: Block[] = [{ type: 'lines', lines: r.main }];
        if (r.support.length > 0) blocks.push({ type: 'lines', label: 'หน่วยงานสนับสนุน', lines: r.support });
        return blocks;
      }
      case 'responsible_main': {
        const r = responsibleOf(item.responsible);
        return r.main.length === 0 ? [dash] : [{ type: 'lines', lines: r.main }];
      }
      case 'responsible_support': {
        const r = responsibleOf(item.responsible);
        return r.support.length === 0 ? (stacked ? [] : [dash]) : [{ type: 'lines', lines: r.support }];
      }
      case 'links':
        if (!item.links) return stacked ? [] : [dash];
        return [{ type: 'links', links: item.links.map((l) => ({ title: l.title, url: l.url, parts: urlParts(l.url) })) }];
      case 'steps':
      case 'outputs':
      case 'outcomes':
      case 'problems':
      case 'suggestions':
      case 'remarks': {
        const value = item[field];
        if (value === undefined) return stacked && field !== 'outputs' ? [] : [dash];
        return listBlock(value, [...path, field], style);
      }
    }
  };

  const groups = grouped(input, layout.groupBy);
  let seq = 0;
  const tables: { title?: string; rows: Row[] }[] = [];
  const current = (): { title?: string; rows: Row[] } => {
    if (tables.length === 0) tables.push({ rows: [] });
    return tables[tables.length - 1]!;
  };
  for (const group of groups) {
    const title = layout.groupBy === 'none' ? undefined : groupTitle(group.key);
    if (groupMode === 'row') tables.push({ title, rows: [] });
    group.items.forEach((i, k) => {
      seq += 1;
      const item = input.items[i]!;
      const cells: Cell[] = layout.columns.map((col, c) => {
        const fields = fieldsOf(col);
        const align = col.align ?? FIELD_INFO[fields[0]!].align;
        let cls = `a-${align}`;
        if (c === groupColumn) {
          // The group's name once, in a cell that looks merged over the group's rows.
          cls += ' gcell';
          if (k > 0) cls += ' gopen-top';
          if (k < group.items.length - 1) cls += ' gopen-bottom';
          return { cls, blocks: k === 0 ? [{ type: 'text', value: title ?? '' }] : [], groupTitle: title };
        }
        const blocks = fields.flatMap((f) => fieldBlocks(f, item, i, col, seq, fields.length > 1));
        return { cls, blocks: blocks.length > 0 ? blocks : [dash] };
      });
      current().rows.push({ group: group.key, cells });
    });
  }

  const widths = columnWidths(layout.columns);
  const columns = layout.columns.map((col, c) => ({
    title: col.title ?? fieldsOf(col).map((f) => FIELD_INFO[f].title).join(' / '),
    width: widths[c]!.toFixed(2),
  }));
  const title = prose(input.title ?? DEFAULT_TITLE, ['title']);
  const subtitle = prose(input.subtitle ?? DEFAULT_SUBTITLE, ['subtitle']);
  const approval = input.approval && {
    name: input.approval.name,
    position: Array.isArray(input.approval.position) ? input.approval.position : [input.approval.position],
    date: formatDateLong(input.approval.date, digits),
  };
  const fyText = `ปีงบประมาณ พ.ศ. ${num(fy)}`;

  return {
    digits,
    meta: {
      title: `${title} ${subtitle}`,
      author: input.authority.name,
      subject: `${title} ของ${input.authority.name} ${fyText}`,
      keywords: ['ITA', 'รายงานผลการดำเนินการตามมาตรการ', 'คุณธรรมและความโปร่งใส', input.authority.name, fyText],
      date: input.date ?? input.approval?.date ?? `${ceYear(fy)}-09-30`,
    },
    model: {
      title,
      subtitle,
      introduction: input.introduction === undefined ? undefined : prose(input.introduction, ['introduction']),
      conclusion: input.conclusion === undefined ? undefined : prose(input.conclusion, ['conclusion']),
      columns,
      columnCount: columns.length,
      fontSize: layout.fontSize,
      continued: layout.continued,
      groupMode,
      tables,
      approval,
    },
  };
}

export const resultsKind: DocumentKind<ResultsInput> = {
  name: 'results',
  title: bi('รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส', 'report of the results of the integrity measures'),
  noun: bi('รายงานผลการดำเนินการ', 'results report'),
  schema: 'results.schema.json',
  rules,
  derive,
};
