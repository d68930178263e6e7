/**
 * What an officer writes in a progress report (mirrors schemas/progress.schema.json).
 * The round and the status are typed in English or Thai; the shared spellings
 * (src/derive/spellings.ts) bring each to one key.
 */
import type { CoverInput } from '../../derive/cover.js';
import type { PeriodFormatInput, PeriodInput } from '../../derive/period.js';
import { allSpellings, canonical, type EnumValue } from '../../derive/spellings.js';
import type { TitleInput } from '../../derive/title-block.js';
import type { DigitStyle } from '../../thai/index.js';

export type Prose = string | string[];

export type Status = EnumValue<'status'>;
export type Round = EnumValue<'round'>;

export interface ProjectReportInput {
  project: string;
  status: string;
  spent?: number;
  over_budget_reason?: string;
  period?: PeriodInput;
  outputs?: Prose;
  outcomes?: Prose;
  problems?: Prose;
  links?: { title?: string; url: string }[];
  remarks?: Prose;
}

export interface ProgressInput {
  kind: 'progress';
  options?: { digits?: DigitStyle; period_format?: PeriodFormatInput; continued_label?: boolean | string; repeat_names?: boolean };
  plan: string;
  fiscal_year: number;
  round: string;
  title?: TitleInput;
  cover?: CoverInput;
  date?: string;
  introduction?: string;
  projects: ProjectReportInput[];
  problems?: Prose;
  suggestions?: Prose;
  approval?: { name: string; position: string | string[]; date: string };
}

/** Every spelling of the schema's `status` and `round` enums. */
export const STATUS_WORDS_LIST = allSpellings('status');
export const ROUND_WORDS_LIST = allSpellings('round');

/** The schema has already refused any other word. */
export function statusOf(word: string): Status {
  return canonical('status', word)!;
}

export function roundOf(word: string): Round {
  return canonical('round', word)!;
}

/** The order of the summary columns and of the chart's segments. */
export const STATUSES: readonly Status[] = ['done', 'in_progress', 'not_started', 'cancelled'];

export const STATUS_TEXT: Record<Status, string> = {
  done: 'ดำเนินการแล้วเสร็จ',
  in_progress: 'อยู่ระหว่างดำเนินการ',
  not_started: 'ยังไม่ได้ดำเนินการ',
  cancelled: 'ยกเลิก',
};

