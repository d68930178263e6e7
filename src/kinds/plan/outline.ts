/**
 * The plan as other documents see it (the progress reports, `init progress`): its
 * projects with the numbering and budgets its own document prints.
 */
import { authorityValues } from '../../derive/authority.js';
import { fillKnown } from '../../derive/placeholders.js';
import { titleText } from '../../derive/title-block.js';
import { budgetOf, DEFAULT_TITLE, nameKey, nameText, outlineNumber, placedProjects, planYears, runningYears, type PlanInput } from './input.js';

/** What a linked plan's data is, and how its project names are matched and quoted, for the documents that open one. */
export { nameKey, nameText, type PlanInput };

/** One project of the plan as other documents see it. */
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
  return titleText(lines.map((line) => nameText(fillKnown(line, values))));
}
