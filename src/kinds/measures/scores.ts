/**
 * The scores of a measures document, computed once for the rules and for derive: the
 * tools' and the overall score from the indicators, by the assessment year's rules, and
 * every figure of the data with the placeholders that print it.
 */
import { deriveScores, levelOf, parseQuestionId, toHundredths, TOOLS, type Tier, type Tool, type YearRules } from '../ita-levels.js';
import { assessmentYear, type MeasuresInput } from './input.js';


export interface Scores {
  year: number;
  rules: YearRules;
  /** Indicator number → hundredths, for the indicators that are present and valid. */
  indicators: Map<number, number>;
  /** Present once all ten indicators are there. */
  derived?: { tools: Record<Tool, number>; overall: number };
  /** What is printed: the announced figure where given, else the derived one. */
  printed?: { tools: Record<Tool, number>; overall: number };
  level?: Tier;
}

export function computeScores(input: MeasuresInput, rules: YearRules): Scores {
  const indicators = new Map<number, number>();
  for (const ind of input.analysis.indicators) {
    const h = toHundredths(ind.score);
    if (h !== null && !indicators.has(ind.no)) indicators.set(ind.no, h);
  }
  const scores: Scores = { year: assessmentYear(input), rules, indicators };
  if (!rules.indicators.every((i) => indicators.has(i.no))) return scores;
  const derived = deriveScores(indicators, rules);
  scores.derived = derived;
  const announced = input.analysis.announced ?? {};
  const pick = (value: number | undefined, fallback: number) => (value === undefined ? fallback : (toHundredths(value) ?? fallback));
  const tools = {} as Record<Tool, number>;
  for (const t of TOOLS) tools[t] = pick(announced[t], derived.tools[t]);
  scores.printed = { tools, overall: pick(announced.score, derived.overall) };
  scores.level = levelOf(scores.printed.overall, tools, rules);
  return scores;
}


/** Every figure of the data (hundredths) and the placeholders that print it, most general first. */
export function figureNames(input: MeasuresInput, scores: Scores): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const add = (value: number | null | undefined, name: string) => {
    if (value === null || value === undefined) return;
    const list = out.get(value) ?? [];
    if (!list.includes(name)) list.push(name);
    out.set(value, list);
  };
  if (scores.printed) {
    add(scores.printed.overall, 'score');
    for (const t of TOOLS) add(scores.printed.tools[t], t);
  }
  for (const [no, h] of [...scores.indicators.entries()].sort((a, b) => a[0] - b[0])) add(h, `indicator.${no}.score`);
  for (const issue of input.analysis.issues) {
    for (const group of issue.groups) {
      for (const q of group.questions) {
        const id = parseQuestionId(q.id);
        if (id.ok) add(toHundredths(q.score), `question.${id.id}.score`);
      }
    }
  }
  return out;
}
