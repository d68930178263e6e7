/**
 * What an officer writes in a measures document (mirrors schemas/measures.schema.json),
 * and the list of its measures that a results report is checked against.
 */
import type { AuthorityInput } from '../../derive/authority.js';
import type { CoverInput } from '../../derive/cover.js';
import type { PeriodFormatInput, PeriodInput } from '../../derive/period.js';
import type { ResponsibleInput, ResponsibleLabelsInput } from '../../derive/responsible.js';
import type { TitleInput } from '../../derive/title-block.js';
import type { DigitStyle } from '../../thai/index.js';
import type { Tool } from '../ita-levels.js';

export type Prose = string | string[];
export type Path = (string | number)[];

export interface QuestionInput {
  id: string | number;
  score: number;
}
export interface ToolGroupInput {
  tool: 'IIT' | 'EIT' | 'OIT';
  questions: QuestionInput[];
  action: string;
}
export interface IssueInput {
  title: string;
  groups: ToolGroupInput[];
  analysis: string;
}
export interface MeasureInput {
  id?: string;
  title: string;
  practice?: Prose;
  responsible: ResponsibleInput;
  steps: Prose;
  period?: PeriodInput;
  monitoring?: Prose;
}
export interface TopicInput {
  title: string;
  /** The authority's own number of the topic; its place in the list when absent. */
  number?: string | number;
  issue?: number;
  measures: MeasureInput[];
}
export interface NumberedListInput {
  introduction?: string;
  items: string[];
}
export type ScoreSet = { score?: number; iit?: number; eit?: number; oit?: number };

export interface MeasuresInput {
  kind: 'measures';
  options?: { digits?: DigitStyle; period_format?: PeriodFormatInput; responsible_labels?: ResponsibleLabelsInput };
  authority: AuthorityInput;
  title?: TitleInput;
  cover?: CoverInput;
  address?: string;
  fiscal_year: number;
  analysis: {
    assessment_year?: number;
    introduction: string;
    announced?: ScoreSet;
    indicators: { no: number; score: number }[];
    history?: ({ year: number; score: number } & ScoreSet)[];
    issues: IssueInput[];
  };
  measures: { introduction?: string; monitoring?: Prose; topic_title?: string; topics: TopicInput[] };
  limitations: NumberedListInput;
  suggestions: NumberedListInput;
  approval: { name: string; position: string | string[]; date: string };
}

export const toolOf = (label: ToolGroupInput['tool']): Tool => label.toLowerCase() as Tool;

/** The measures in document order, with the key the results report uses to find each one. */
export function measureList(input: MeasuresInput): { key: string; title: string; path: (string | number)[] }[] {
  const out: { key: string; title: string; path: (string | number)[] }[] = [];
  (input.measures?.topics ?? []).forEach((topic, t) =>
    (topic.measures ?? []).forEach((m, i) => {
      const title = String(m.title ?? '').replace(/\s+/g, ' ').trim();
      out.push({ key: m.id ?? title, title, path: ['measures', 'topics', t, 'measures', i] });
    }),
  );
  return out;
}

export function assessmentYear(input: MeasuresInput): number {
  return input.analysis.assessment_year ?? input.fiscal_year - 1;
}

