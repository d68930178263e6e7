/**
 * Results report → the model of templates/results/: the title block and cover, then
 * the tables — one per group when each group carries its header — whose cells are
 * blocks (text, Markdown, numbered lists, responsible units, links) a page may fall
 * between. Numbering, periods, budgets and group titles are computed here.
 */
import type { YamlPath } from '../../diagnostics.js';
import { authorityPlace, authorityValues } from '../../derive/authority.js';
import { coverModel } from '../../derive/cover.js';
import { urlParts } from '../../derive/links.js';
import { formatPeriod, periodFormat } from '../../derive/period.js';
import type { PlaceholderValue } from '../../derive/placeholders.js';
import { formatProseDates } from '../../derive/prose-dates.js';
import { responsibleParts, type ResponsiblePart } from '../../derive/responsible.js';
import { canonical, canonicalOr } from '../../derive/spellings.js';
import { titleBlock, titleLines, titleText } from '../../derive/title-block.js';
import { applyDigits, ceYear, formatDateLong, formatFiscalPeriodLong, formatMoney, parseAmount } from '../../thai/index.js';
import type { DeriveContext, DerivedDocument } from '../kind.js';
import { FIELD_INFO, fieldsOf, STATUS_TEXT, type BudgetInput, type ColumnInput, type FieldName, type ItemInput, type ResultsInput, type TextList } from './input.js';
import { alignOf, columnWidths, indicatorName, listStyle, printedGroups, resolveLayout, type PrintedGroup } from './layout.js';

const DEFAULT_TITLE = 'รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส';
const DEFAULT_SUBTITLE = 'ของ{{authority}} ประจำปีงบประมาณ พ.ศ. {{fiscal_year}}';

type Block =
  | { type: 'text'; value: string; cls?: string }
  | { type: 'md'; value: string }
  | { type: 'list'; style: 'numbered' | 'bulleted'; items: { marker: string; text: string; sub: boolean; bullet: boolean }[] }
  | { type: 'responsible'; parts: ResponsiblePart[] }
  | { type: 'links'; links: { title?: string; url: string; parts: string[] }[] };

interface Cell {
  cls: string;
  blocks: Block[];
  /** Set on the cells of the group column: the group's title, so the printer knows the column goes on. */
  groupTitle?: string;
  /** What the cell prints again at the top of a page where its row or group goes on. */
  repeat?: Block[];
}

type Row = { type: 'item'; group: string; cells: Cell[] } | { type: 'group'; group: string; title: string };

interface Table {
  /** The group's title as a header row, repeated with the header on every page of the table. */
  title?: string;
  rows: Row[];
}

export function derive(input: ResultsInput, ctx: DeriveContext): DerivedDocument {
  const digits = ctx.digits;
  const num = (n: number | string) => applyDigits(String(n), digits);
  const fy = input.fiscal_year;
  const layout = resolveLayout(input);
  const format = periodFormat(input.options?.period_format);
  const labels = input.options?.responsible_labels;
  const values = new Map<string, PlaceholderValue>([
    ...authorityValues(input.authority),
    ['fiscal_year', num(fy)],
    ['previous_fiscal_year', num(fy - 1)],
    ['fiscal_period', formatFiscalPeriodLong(fy, digits)],
    ['items', num(input.items.length)],
  ]);
  const prose = (text: string, path: YamlPath) => ctx.prose(formatProseDates(text, digits), path, values);

  const listBlock = (value: TextList, path: YamlPath, style: 'numbered' | 'bulleted'): Block[] => {
    if (typeof value === 'string') return [{ type: 'md', value: prose(value, path) }];
    const marker = (n: string) => (style === 'numbered' ? `${n}.` : '-');
    // Sub-items are list items of their own (class "sub"), so a page can fall between any two of them.
    const items = value.flatMap((entry, i) => {
      if (typeof entry === 'string') return [{ marker: marker(num(i + 1)), text: prose(entry, [...path, i]), sub: false, bullet: style === 'bulleted' }];
      const subStyle = canonicalOr('list', entry.list, style);
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
  const dash: Block = { type: 'text', value: '-', cls: 'empty' };

  const groups = printedGroups(input, layout);
  const groupTitleOf = (g: PrintedGroup): string => {
    if (layout.groupBy === 'none') return '';
    const groupValues = new Map<string, PlaceholderValue>([
      ['number', num(g.number)],
      ['label', g.label],
      ['indicator', g.indicator === undefined ? '' : num(g.indicator)],
      ['indicator_name', g.indicator === undefined ? '' : indicatorName(g.indicator, input)],
      ['items', num(g.items.length)],
    ]);
    return ctx.prose(layout.groupTitle, ['layout', 'group_title'], groupValues).replace(/\s+/g, ' ').trim();
  };
  const indicatorText = (no: number) => `ตัวชี้วัดที่ ${num(no)} ${indicatorName(no, input)}`.trim();

  const fieldBlocks = (field: FieldName, item: ItemInput, i: number, col: ColumnInput, seq: number, stacked: boolean): Block[] => {
    const path: YamlPath = ['items', i];
    switch (field) {
      case 'number':
        return [{ type: 'text', value: num(seq) }];
      case 'measure':
        return [measureBlock(item, col, seq)];
      case 'budget':
        if (item.budget === undefined) return stacked ? [] : [dash];
        return [{ type: 'text', value: stacked ? `(${budgetText(item.budget)})` : budgetText(item.budget), cls: 'budget' }];
      case 'issue':
        return item.issue === undefined ? [dash] : [{ type: 'text', value: item.issue }];
      case 'group':
        return item.group === undefined ? [dash] : [{ type: 'text', value: item.group }];
      case 'indicator':
        return item.indicator === undefined ? [dash] : [{ type: 'text', value: indicatorText(item.indicator) }];
      case 'period':
        return item.period === undefined ? [dash] : [{ type: 'text', value: formatPeriod(item.period, fy, digits, format, (t) => prose(t, [...path, 'period', 'text'])), cls: 'period' }];
      case 'status': {
        const status = item.status === undefined ? undefined : canonical('status', item.status);
        return status === undefined ? (stacked ? [] : [dash]) : [{ type: 'text', value: STATUS_TEXT[status] }];
      }
      case 'responsible':
      case 'responsible_main':
      case 'responsible_support': {
        const only = field === 'responsible' ? undefined : field === 'responsible_main' ? 'main' : 'support';
        const parts = responsibleParts(item.responsible, labels, only);
        if (parts.length === 0) return stacked && field === 'responsible_support' ? [] : [dash];
        return [{ type: 'responsible', parts }];
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
        return listBlock(value, [...path, field], listStyle(col));
      }
    }
  };
  const measureBlock = (item: ItemInput, col: ColumnInput, seq: number): Block => ({ type: 'text', value: `${col.numbered ? `${num(seq)}. ` : ''}${item.measure}`, cls: 'measure' });

  let seq = 0;
  const tables: Table[] = [];
  const current = (): Table => {
    if (tables.length === 0) tables.push({ rows: [] });
    return tables[tables.length - 1]!;
  };
  for (const group of groups) {
    if (group.items.length === 0) continue;
    const title = groupTitleOf(group);
    if (layout.headerPerGroup && layout.groupMode !== 'none') tables.push({ title: layout.groupMode === 'row' ? title : undefined, rows: [] });
    if (layout.groupMode === 'row' && !layout.headerPerGroup) current().rows.push({ type: 'group', group: group.key, title });
    group.items.forEach((i, k) => {
      seq += 1;
      const item = input.items[i]!;
      const cells: Cell[] = layout.columns.map((col, c) => {
        const fields = fieldsOf(col);
        let cls = `a-${alignOf(col)}`;
        if (c === layout.groupColumn) {
          // The group's title once, in a cell that looks merged over the group's rows.
          cls += ' gcell';
          if (k > 0) cls += ' gopen-top';
          if (k < group.items.length - 1) cls += ' gopen-bottom';
          const titleBlock: Block = { type: 'text', value: title };
          return { cls, blocks: k === 0 ? [titleBlock] : [], groupTitle: title, repeat: layout.repeatNames ? [titleBlock] : undefined };
        }
        const blocks = fields.flatMap((f) => fieldBlocks(f, item, i, col, seq, fields.length > 1));
        const repeat = layout.repeatNames && fields.includes('measure') ? [measureBlock(item, col, seq)] : undefined;
        return { cls, blocks: blocks.length > 0 ? blocks : [dash], repeat };
      });
      current().rows.push({ type: 'item', group: group.key, cells });
    });
  }

  const widths = columnWidths(layout.columns);
  const columns = layout.columns.map((col, c) => ({
    title: col.title ?? fieldsOf(col).map((f) => FIELD_INFO[f].title).join(' / '),
    width: widths[c]!.toFixed(2),
  }));

  const listed = Array.isArray(input.title);
  const title = titleLines(input.title ?? DEFAULT_TITLE, ['title'], prose);
  const subtitle = input.subtitle !== undefined ? titleLines(input.subtitle, ['subtitle'], prose) : listed ? [] : titleLines(DEFAULT_SUBTITLE, ['subtitle'], prose);
  const fyText = `ปีงบประมาณ พ.ศ. ${num(fy)}`;
  const cover = coverModel(input.cover, input.authority, {
    title: [...title, ...(listed ? [] : subtitle)],
    lines: listed ? [] : [input.authority.name, authorityPlace(input.authority), `ประจำ${fyText}`].filter((l): l is string => l !== undefined),
    fallback: false,
  }, prose);
  const approval = input.approval && {
    name: input.approval.name,
    position: Array.isArray(input.approval.position) ? input.approval.position : [input.approval.position],
    date: formatDateLong(input.approval.date, digits),
  };
  const name = titleText(title);

  return {
    digits,
    meta: {
      title: titleText([...title, ...subtitle]),
      author: input.authority.name,
      subject: `${name} ของ${input.authority.name} ${fyText}`,
      keywords: ['ITA', 'รายงานผลการดำเนินการตามมาตรการ', 'คุณธรรมและความโปร่งใส', input.authority.name, fyText],
      date: input.date ?? input.approval?.date ?? `${ceYear(fy)}-09-30`,
    },
    model: {
      cover,
      titleBlock: titleBlock(title, { sub: subtitle }),
      introduction: input.introduction === undefined ? undefined : prose(input.introduction, ['introduction']),
      conclusion: input.conclusion === undefined ? undefined : prose(input.conclusion, ['conclusion']),
      columns,
      columnCount: columns.length,
      fontSize: layout.fontSize,
      // The printer cuts tables where pages begin when it has a label to add or names to repeat.
      split: layout.continued !== '' || layout.repeatNames,
      continued: layout.continued,
      groupMode: layout.groupMode,
      tables,
      approval,
    },
  };
}
