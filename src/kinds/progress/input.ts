/**
 * What an officer writes in a progress report (mirrors schemas/progress.schema.json),
 * and the words the schema accepts for the round and the status, Thai or English,
 * brought to one key each.
 */
import type { DigitStyle } from '../../thai/index.js';

type Prose = string | string[];
type PeriodShorthand = 'whole_year' | 'first_half' | 'second_half' | 'q1' | 'q2' | 'q3' | 'q4';
/** common.schema.json#/$defs/period */
export type PeriodInput = PeriodShorthand | { from: string; to: string };

export type Status = 'done' | 'in_progress' | 'not_started' | 'cancelled';
export type Round = 'half_year' | 'full_year';

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
  options?: { digits?: DigitStyle };
  plan: string;
  fiscal_year: number;
  round: string;
  title?: string;
  cover?: boolean;
  date?: string;
  introduction?: string;
  projects: ProjectReportInput[];
  problems?: Prose;
  suggestions?: Prose;
  approval?: { name: string; position: string | string[]; date: string };
}

/** Every spelling of the schema's `status` enum, to its key. */
const STATUS_WORDS: Record<string, Status> = {
  done: 'done',
  ดำเนินการแล้วเสร็จ: 'done',
  ดำเนินการแล้ว: 'done',
  แล้วเสร็จ: 'done',
  in_progress: 'in_progress',
  อยู่ระหว่างดำเนินการ: 'in_progress',
  กำลังดำเนินการ: 'in_progress',
  not_started: 'not_started',
  ยังไม่ได้ดำเนินการ: 'not_started',
  ยังไม่ดำเนินการ: 'not_started',
  cancelled: 'cancelled',
  ยกเลิก: 'cancelled',
};

/** Every spelling of the schema's `round` enum, to its key. */
const ROUND_WORDS: Record<string, Round> = {
  half_year: 'half_year',
  'รอบ 6 เดือน': 'half_year',
  'รอบ ๖ เดือน': 'half_year',
  '6 เดือน': 'half_year',
  '๖ เดือน': 'half_year',
  full_year: 'full_year',
  'รอบ 12 เดือน': 'full_year',
  'รอบ ๑๒ เดือน': 'full_year',
  '12 เดือน': 'full_year',
  '๑๒ เดือน': 'full_year',
  ประจำปี: 'full_year',
};

export const STATUS_WORDS_LIST = Object.keys(STATUS_WORDS);
export const ROUND_WORDS_LIST = Object.keys(ROUND_WORDS);

/** The schema has already refused any other word. */
export function statusOf(word: string): Status {
  return STATUS_WORDS[word]!;
}

export function roundOf(word: string): Round {
  return ROUND_WORDS[word]!;
}

/** The order of the summary columns and of the chart's segments. */
export const STATUSES: readonly Status[] = ['done', 'in_progress', 'not_started', 'cancelled'];

export const STATUS_TEXT: Record<Status, string> = {
  done: 'ดำเนินการแล้วเสร็จ',
  in_progress: 'อยู่ระหว่างดำเนินการ',
  not_started: 'ยังไม่ได้ดำเนินการ',
  cancelled: 'ยกเลิก',
};

/**
 * Names are matched with every space and line break taken out: a name copied from a PDF
 * comes with breaks where its lines wrapped, and Thai does not separate words by spaces.
 */
export const nameKey = (name: string): string => name.replace(/\s+/g, '');
/** A name as messages quote it: one line, single spaces. */
export const nameText = (name: string): string => name.replace(/\s+/g, ' ').trim();
