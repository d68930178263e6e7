/**
 * The layout model of a results report: which columns, how rows are gathered into
 * groups, in which order and under which number and label, and how the table breaks
 * over pages. Everything here is read from `layout:` and `groups:`, so an authority's own
 * arrangement is data, never code.
 */
import { continuedLabel } from '../../derive/continued.js';
import { canonical, canonicalOr } from '../../derive/spellings.js';
import { ITA_RULES, rulesFor } from '../ita-levels.js';
import { collapse, FIELD_INFO, fieldsOf, type ColumnInput, type GroupBy, type ItemInput, type LayoutInput, type ResultsInput } from './input.js';

/** How a group's heading reads unless the layout says otherwise. */
const DEFAULT_GROUP_TITLE: Record<GroupBy, string> = {
  none: '',
  indicator: 'ตัวชี้วัดที่ {{indicator}} {{label}}',
  issue: '{{label}}',
  group: '{{label}}',
};

export interface ResolvedLayout {
  columns: ColumnInput[];
  groupBy: GroupBy;
  /** The group heading, with {{number}} {{label}} {{indicator}} {{indicator_name}} {{items}}. */
  groupTitle: string;
  /** The column that shows the grouped field (its cell looks merged over the group's rows), or -1. */
  groupColumn: number;
  /** Where a group's title prints: a row across the table, or the group column. */
  groupMode: 'none' | 'row' | 'column';
  /** One table per group, each with its header row. */
  headerPerGroup: boolean;
  /** "(ต่อ)" after the headings and names that go on from the previous page; '' for none. */
  continued: string;
  /** On a page where a row or a group goes on, its measure and group cells print their names again. */
  repeatNames: boolean;
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
  const groupBy: GroupBy = all('issue') ? 'issue' : all('indicator') ? 'indicator' : all('group') ? 'group' : 'none';
  return { columns, group_by: groupBy };
}

export function resolveLayout(input: ResultsInput): ResolvedLayout {
  const layout = input.layout ?? defaultLayout(input.items);
  const groupBy = canonicalOr('group_by', layout.group_by, 'none');
  const groupColumn = groupBy === 'none' ? -1 : layout.columns.findIndex((c) => fieldsOf(c).length === 1 && fieldsOf(c)[0] === groupBy);
  const groupMode = groupBy === 'none' ? 'none' : groupColumn >= 0 ? 'column' : 'row';
  return {
    columns: layout.columns,
    groupBy,
    groupTitle: layout.group_title ?? DEFAULT_GROUP_TITLE[groupBy],
    groupColumn,
    groupMode,
    // A title row heads each group's own table unless asked otherwise; a group column shares one table.
    headerPerGroup: layout.header_per_group ?? groupMode === 'row',
    continued: continuedLabel(layout.continued_label, false),
    repeatNames: layout.repeat_names ?? true,
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

/** The key by which an item (or a group definition) belongs to a group; undefined when it has none. */
export function groupKeyOf(item: Pick<ItemInput, 'issue' | 'indicator' | 'group'>, groupBy: GroupBy): string | undefined {
  if (groupBy === 'issue') return item.issue === undefined ? undefined : collapse(item.issue);
  if (groupBy === 'group') return item.group === undefined ? undefined : collapse(item.group);
  if (groupBy === 'indicator') return item.indicator === undefined ? undefined : String(item.indicator);
  return '';
}

/** The ITA's name of indicator `no` in fiscal year `fy`, or the authority's `indicator_names`. */
export function indicatorName(no: number, input: ResultsInput): string {
  const custom = input.indicator_names?.[String(no)];
  if (custom) return custom;
  return standardIndicatorName(no, input.fiscal_year) ?? '';
}

export function standardIndicatorName(no: number, fy: number): string | undefined {
  const lookup = rulesFor(fy);
  return lookup.ok ? lookup.rules.indicators.find((i) => i.no === no)?.name : undefined;
}

/** Every name indicator `no` has had in the ITA's rules (labels drift between years). */
export function knownIndicatorNames(no: number): string[] {
  return [...new Set(ITA_RULES.flatMap((r) => r.indicators.filter((i) => i.no === no).map((i) => i.name)))];
}

export interface PrintedGroup {
  key: string;
  /** Indices into `items`, in the order written. */
  items: number[];
  /** Its number in this report: given in `groups:`, else its position (1, 2, …). */
  number: string;
  label: string;
  /** The ITA indicator the group is about, when known. */
  indicator?: number;
  /** Index into `groups:` when the group is defined there. */
  definition?: number;
}

/**
 * The groups in print order: those of `groups:` in its order (with their own numbers
 * and labels), then any other group the items name, in order of first appearance.
 */
export function printedGroups(input: ResultsInput, layout: ResolvedLayout): PrintedGroup[] {
  const groupBy = layout.groupBy;
  const byKey = new Map<string, PrintedGroup>();
  const add = (key: string, definition?: number): PrintedGroup => {
    let g = byKey.get(key);
    if (!g) {
      g = { key, items: [], number: '', label: '', definition };
      byKey.set(key, g);
    }
    return g;
  };
  if (groupBy !== 'none') (input.groups ?? []).forEach((def, d) => {
    const key = groupKeyOf(def, groupBy);
    if (key !== undefined && !byKey.has(key)) add(key, d);
  });
  input.items.forEach((item, i) => add(groupKeyOf(item, groupBy) ?? '').items.push(i));
  return [...byKey.values()].map((g, position) => {
    const def = g.definition === undefined ? undefined : input.groups![g.definition]!;
    const indicator = groupBy === 'indicator' ? Number(g.key) : (def?.indicator ?? commonIndicator(input.items, g.items));
    const label = def?.label ?? (groupBy === 'indicator' ? indicatorName(indicator!, input) : g.key);
    return { ...g, number: def?.number !== undefined ? String(def.number) : String(position + 1), label, indicator };
  });
}

/** The indicator all of a group's items name, if they agree. */
function commonIndicator(items: ItemInput[], members: number[]): number | undefined {
  const named = new Set(members.map((i) => items[i]!.indicator));
  return named.size === 1 ? [...named][0] : undefined;
}

/** Normalises a layout's spelled values so rules and derive see one spelling. */
export function listStyle(col: ColumnInput): 'numbered' | 'bulleted' {
  return canonicalOr('list', col.list, 'numbered');
}
export function alignOf(col: ColumnInput): 'left' | 'center' | 'right' {
  return (col.align === undefined ? undefined : canonical('align', col.align)) ?? FIELD_INFO[fieldsOf(col)[0]!].align;
}
