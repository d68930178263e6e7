/**
 * What an officer writes in a results report (mirrors schemas/results.schema.json), and
 * the fields a layout can put in a column.
 */
import type { CoverInput } from '../../derive/cover.js';
import type { PeriodFormatInput, PeriodInput } from '../../derive/period.js';
import type { ResponsibleInput, ResponsibleLabelsInput } from '../../derive/responsible.js';
import type { AuthorityInput } from '../../derive/authority.js';
import type { TitleInput } from '../../derive/title-block.js';
import type { EnumValue } from '../../derive/spellings.js';
import type { DigitStyle } from '../../thai/index.js';

export const FIELD_NAMES = [
  'number',
  'measure',
  'budget',
  'issue',
  'indicator',
  'group',
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

export type ListItemInput = string | { text: string; items: string[]; list?: string };
export type TextList = string | ListItemInput[];
export type BudgetInput = 'none' | 'ไม่ใช้งบประมาณ' | number;
export type Status = EnumValue<'status'>;

export interface ItemInput {
  measure: string;
  measure_id?: string;
  issue?: string;
  indicator?: number;
  /** A group of the authority's own (group_by: group). */
  group?: string;
  budget?: BudgetInput;
  steps?: TextList;
  responsible?: ResponsibleInput;
  period?: PeriodInput;
  outputs?: TextList;
  outcomes?: TextList;
  links?: { title?: string; url: string }[];
  /** A value of SPELLINGS.status or one of its Thai spellings. */
  status?: string;
  problems?: TextList;
  suggestions?: TextList;
  remarks?: TextList;
}

export interface ColumnInput {
  field: FieldName | FieldName[];
  title?: string;
  width?: number;
  list?: string;
  numbered?: boolean;
  align?: string;
}

export type GroupBy = EnumValue<'group_by'>;

export interface LayoutInput {
  columns: ColumnInput[];
  group_by?: string;
  group_title?: string;
  header_per_group?: boolean;
  continued_label?: boolean | string;
  repeat_names?: boolean;
  font_size?: number;
}

/** One group in the report's own order, with the authority's own number and label. */
export interface GroupInput {
  indicator?: number;
  issue?: string;
  group?: string;
  number?: string | number;
  label?: string;
}

export interface ResultsInput {
  kind: 'results';
  options?: { digits?: DigitStyle; period_format?: PeriodFormatInput; responsible_labels?: ResponsibleLabelsInput };
  authority: AuthorityInput;
  fiscal_year: number;
  title?: TitleInput;
  subtitle?: TitleInput;
  cover?: CoverInput;
  date?: string;
  introduction?: string;
  conclusion?: string;
  measures_document?: string;
  layout?: LayoutInput;
  groups?: GroupInput[];
  indicator_names?: Record<string, string>;
  items: ItemInput[];
  approval?: { name: string; position: string | string[]; date: string };
}

/** Standard heading, relative width and alignment of each field's column; `list` fields hold lists. */
export const FIELD_INFO: Record<FieldName, { title: string; weight: number; align: 'left' | 'center'; list: boolean }> = {
  number: { title: 'ลำดับ', weight: 5, align: 'center', list: false },
  measure: { title: 'มาตรการ', weight: 17, align: 'left', list: false },
  budget: { title: 'งบประมาณ (บาท)', weight: 10, align: 'center', list: false },
  issue: { title: 'ประเด็นการประเมิน', weight: 14, align: 'left', list: false },
  indicator: { title: 'ตัวชี้วัด', weight: 13, align: 'left', list: false },
  group: { title: 'กลุ่ม', weight: 13, align: 'left', list: false },
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
export const EXPECTED_FIELDS: readonly FieldName[] = ['steps', 'responsible', 'responsible_main', 'period', 'outputs'];

export const STATUS_TEXT: Record<Status, string> = {
  done: 'ดำเนินการแล้ว',
  in_progress: 'อยู่ระหว่างดำเนินการ',
  not_started: 'ยังไม่ได้ดำเนินการ',
  cancelled: 'ยกเลิก',
};

/** The item key that carries a field's data (responsible_main/support read `responsible`). */
export function sourceKey(field: FieldName): keyof ItemInput | undefined {
  if (field === 'number') return undefined;
  if (field === 'responsible_main' || field === 'responsible_support') return 'responsible';
  return field;
}

export const fieldsOf = (c: ColumnInput): FieldName[] => (Array.isArray(c.field) ? c.field : [c.field]);

export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
