/**
 * What an officer writes in a plan (mirrors schemas/plan.schema.json), and the plan's
 * tree walked the way every part of the document numbers it: projects in plan order with
 * their place, the years of the plan, each project's budget and the years it runs in.
 */
import type { AuthorityInput } from '../../derive/authority.js';
import type { CoverInput } from '../../derive/cover.js';
import type { TitleInput } from '../../derive/title-block.js';
import { parseAmount, type DigitStyle } from '../../thai/index.js';

export type Prose = string | string[];

export interface ProjectInput {
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

export const DEFAULT_TITLE = 'แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส';
export const MAX_PLAN_YEARS = 10;

/**
 * A project's name as documents that refer to it match it (the progress reports): with
 * every space and line break taken out, since a name copied from a PDF comes with breaks
 * where its lines wrapped, and Thai does not separate words by spaces. Two projects of a
 * plan with the same key cannot be told apart.
 */
export const nameKey = (name: string): string => name.replace(/\s+/g, '');
/** A name (or title) as messages and other documents quote it: one line, single spaces. */
export const nameText = (name: string): string => name.replace(/\s+/g, ' ').trim();

/** A project with where it sits in the tree, in plan order. */
export interface PlacedProject {
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
export function outlineNumber(dimension: number, mission: number, sub?: number): string {
  return `${dimension + 1}.${mission + 1}${sub === undefined ? '' : `.${sub + 1}`}`;
}

export function placedProjects(input: PlanInput): PlacedProject[] {
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

export function planYears(input: PlanInput): number[] {
  const years: number[] = [];
  for (let y = input.period.from; y <= input.period.to && years.length < MAX_PLAN_YEARS; y++) years.push(y);
  return years;
}

/** Satang per plan year; a year without an entry is unbudgeted (printed "-"). */
export function budgetOf(project: ProjectInput): Map<number, number> {
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
export function runningYears(budget: ReadonlyMap<number, number>, years: readonly number[]): number[] {
  return budget.size > 0 ? years.filter((y) => budget.has(y)) : [...years];
}
