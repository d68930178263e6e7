/**
 * The ITA's scoring rules, per assessment year, as data (domain.md §1): which ten
 * indicators there are (their labels drift between years), which tool each belongs
 * to, the tools' weights, the question numbering, and the rating thresholds.
 *
 * Scores are handled as integer hundredths (94.96 → 9496) so means and weighted
 * sums never drift through binary fractions; every rounding is half up to 2 decimals.
 *
 * Thresholds of FY 2566 onwards are marked (verify) in domain.md: they are data
 * here, so correcting them is an edit of one table, not of the computation.
 */
import { applyDigits, formatHundredths, type DigitStyle } from '../thai/index.js';

export type Tool = 'iit' | 'eit' | 'oit';
export const TOOLS: readonly Tool[] = ['iit', 'eit', 'oit'];
export const TOOL_LABEL: Record<Tool, string> = { iit: 'IIT', eit: 'EIT', oit: 'OIT' };
export const TOOL_PREFIX: Record<Tool, string> = { iit: 'i', eit: 'e', oit: 'o' };
export const TOOL_NAME: Record<Tool, string> = {
  iit: 'การรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน',
  eit: 'การรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก',
  oit: 'การเปิดเผยข้อมูลสาธารณะ',
};

export interface IndicatorDef {
  /** 1–10, the official numbering. */
  no: number;
  name: string;
  tool: Tool;
}

/** One rating: the first tier whose conditions hold is the level. */
export interface Tier {
  level: string;
  /** Minimum overall score, in hundredths. */
  minTotal: number;
  /** Minimum score of each of the three tools, in hundredths (rules from FY 2566). */
  minEachTool?: number;
  /** Whether this level meets the national pass mark. */
  passed: boolean;
}

export interface YearRules {
  /** First and last assessment year (พ.ศ.) these rules apply to. */
  from: number;
  to: number;
  indicators: readonly IndicatorDef[];
  /** Weight of each tool in the overall score, in percent (sum 100). */
  weights: Record<Tool, number>;
  /** Highest question number per tool; undefined = not fixed (OIT numbering changes every year). */
  questions: Record<Tool, number | undefined>;
  /** Highest tier first. */
  tiers: readonly Tier[];
  /** The national target (85), drawn on the charts. */
  passMark: number;
  /** Indicator analysis: below `weak` an urgent weak point, below `develop` a point to develop. */
  analysis: { weak: number; develop: number };
}

const indicators = (improvementLabel: string): IndicatorDef[] => [
  { no: 1, name: 'การปฏิบัติหน้าที่', tool: 'iit' },
  { no: 2, name: 'การใช้งบประมาณ', tool: 'iit' },
  { no: 3, name: 'การใช้อำนาจ', tool: 'iit' },
  { no: 4, name: 'การใช้ทรัพย์สินของราชการ', tool: 'iit' },
  { no: 5, name: 'การแก้ไขปัญหาการทุจริต', tool: 'iit' },
  { no: 6, name: 'คุณภาพการดำเนินงาน', tool: 'eit' },
  { no: 7, name: 'ประสิทธิภาพการสื่อสาร', tool: 'eit' },
  { no: 8, name: improvementLabel, tool: 'eit' },
  { no: 9, name: 'การเปิดเผยข้อมูล', tool: 'oit' },
  { no: 10, name: 'การป้องกันการทุจริต', tool: 'oit' },
];

const WEIGHTS = { iit: 30, eit: 30, oit: 40 } as const;
const QUESTIONS = { iit: 30, eit: 15, oit: undefined } as const;

/** The rules by assessment year. Add a year's entry when the NACC publishes its manual. */
export const ITA_RULES: readonly YearRules[] = [
  {
    // The AA–F rating score of FY 2561–2565.
    from: 2561,
    to: 2565,
    indicators: indicators('การปรับปรุงระบบการทำงาน'),
    weights: WEIGHTS,
    questions: QUESTIONS,
    tiers: [
      { level: 'AA', minTotal: 9500, passed: true },
      { level: 'A', minTotal: 8500, passed: true },
      { level: 'B', minTotal: 7500, passed: false },
      { level: 'C', minTotal: 6500, passed: false },
      { level: 'D', minTotal: 5500, passed: false },
      { level: 'E', minTotal: 5000, passed: false },
      { level: 'F', minTotal: 0, passed: false },
    ],
    passMark: 8500,
    analysis: { weak: 8500, develop: 9500 },
  },
  {
    // From FY 2566 the level also depends on each tool's score (verify: domain.md §1).
    // The split of the scores below 85 between the two lowest levels is not in
    // domain.md; 50 follows the old E/F boundary (verify).
    from: 2566,
    to: 2568,
    indicators: indicators('การปรับปรุงการทำงาน'),
    weights: WEIGHTS,
    questions: QUESTIONS,
    tiers: [
      { level: 'ผ่านดีเยี่ยม', minTotal: 9500, minEachTool: 9500, passed: true },
      { level: 'ผ่านดี', minTotal: 8500, minEachTool: 8500, passed: true },
      { level: 'ผ่าน', minTotal: 8500, passed: true },
      { level: 'ต้องปรับปรุง', minTotal: 5000, passed: false },
      { level: 'ต้องปรับปรุงโดยด่วน', minTotal: 0, passed: false },
    ],
    passMark: 8500,
    analysis: { weak: 8500, develop: 9500 },
  },
];

export type RulesLookup =
  | { ok: true; rules: YearRules; exact: true }
  /** A year after the last one known: the latest rules, with a warning to the user. */
  | { ok: true; rules: YearRules; exact: false }
  | { ok: false };

export function rulesFor(year: number, table: readonly YearRules[] = ITA_RULES): RulesLookup {
  const found = table.find((r) => year >= r.from && year <= r.to);
  if (found) return { ok: true, rules: found, exact: true };
  const latest = table.reduce<YearRules | undefined>((a, r) => (a === undefined || r.to > a.to ? r : a), undefined);
  if (latest && year > latest.to) return { ok: true, rules: latest, exact: false };
  return { ok: false };
}

/** Known assessment years, for messages. */
export function knownYears(table: readonly YearRules[] = ITA_RULES): { first: number; last: number } {
  return { first: Math.min(...table.map((r) => r.from)), last: Math.max(...table.map((r) => r.to)) };
}

// ---------------------------------------------------------------------------
// Scores in hundredths

/**
 * 88.28 → 8828. Reads the number's shortest decimal form, never multiplies a float.
 * null for anything that is not a finite number in 0–100 with at most two decimals.
 */
export function toHundredths(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) return null;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(value));
  if (!m) return null; // exponent forms (1e-7) have more than two decimals
  const frac = m[2] ?? '';
  if (frac.length > 2) return null;
  return Number(m[1]) * 100 + Number(frac.padEnd(2, '0'));
}

/** Round half up of a non-negative fraction num/den, to an integer. */
function roundDiv(num: number, den: number): number {
  return Math.floor((2 * num + den) / (2 * den));
}

/** Mean of scores in hundredths, rounded half up to hundredths. */
export function meanScore(scores: readonly number[]): number {
  if (scores.length === 0) throw new RangeError('mean of no scores');
  return roundDiv(scores.reduce((a, b) => a + b, 0), scores.length);
}

/**
 * The overall score from the tools' (rounded) scores and the year's weights:
 * 0.3 IIT + 0.3 EIT + 0.4 OIT, rounded half up. Seed 003: 97.01, 86.18, 100 → 94.96.
 */
export function overallScore(tools: Record<Tool, number>, weights: Record<Tool, number>): number {
  const num = TOOLS.reduce((a, t) => a + tools[t] * weights[t], 0);
  return roundDiv(num, 100);
}

export interface ToolScores {
  /** Mean of each tool's indicators. */
  tools: Record<Tool, number>;
  overall: number;
}

/** Tool and overall scores derived from the ten indicator scores (keyed by indicator number). */
export function deriveScores(indicatorScores: ReadonlyMap<number, number>, rules: YearRules): ToolScores {
  const tools = {} as Record<Tool, number>;
  for (const tool of TOOLS) {
    const scores = rules.indicators.filter((i) => i.tool === tool).map((i) => indicatorScores.get(i.no));
    if (scores.some((s) => s === undefined)) throw new RangeError(`missing indicator score for ${tool}`);
    tools[tool] = meanScore(scores as number[]);
  }
  return { tools, overall: overallScore(tools, rules.weights) };
}

/**
 * The level for an overall score (and the tools' scores, which the rules of FY 2566
 * onwards need). Without tool scores, a tier that depends on them cannot be decided:
 * the result is then undefined unless the total alone settles it.
 */
export function levelOf(total: number, tools: Record<Tool, number> | undefined, rules: YearRules): Tier | undefined {
  for (const tier of rules.tiers) {
    if (total < tier.minTotal) continue;
    if (tier.minEachTool !== undefined) {
      if (!tools) return undefined;
      if (TOOLS.some((t) => tools[t] < tier.minEachTool!)) continue;
    }
    return tier;
  }
  return undefined;
}

/** "๘๘.๒๘" / "88.28": a score as the ITA prints it, always with two decimals. */
export function formatScore(hundredths: number, digits: DigitStyle = 'thai'): string {
  return formatHundredths(hundredths, digits);
}

export type IndicatorVerdict = 'weak' | 'develop' | 'strength';
export const VERDICT_TEXT: Record<IndicatorVerdict, string> = {
  weak: 'ต้องแก้ไขเร่งด่วน',
  develop: 'ต้องพัฒนา',
  strength: 'รักษามาตรฐาน',
};

export function verdictOf(score: number, rules: YearRules): IndicatorVerdict {
  if (score < rules.analysis.weak) return 'weak';
  if (score < rules.analysis.develop) return 'develop';
  return 'strength';
}

// ---------------------------------------------------------------------------
// Question ids

export type QuestionId = { ok: true; tool: Tool; number: number; id: string } | { ok: false; problem: 'no-prefix' | 'malformed'; number?: number };

/** "i1", "E11", "o27" → parts; 27 or "27" (the seed's "ข้อ ๒๗") → no-prefix. Thai digits are accepted. */
export function parseQuestionId(raw: unknown): QuestionId {
  const text = String(raw ?? '')
    .trim()
    .replace(/[\u0e50-\u0e59]/g, (d) => String(d.charCodeAt(0) - 0x0e50))
    .replace(/^ข้อ\s*/, '');
  if (/^\d+$/.test(text)) return { ok: false, problem: 'no-prefix', number: Number(text) };
  const m = /^([ieoIEO])\s*(\d+)$/.exec(text);
  if (!m || Number(m[2]) < 1) return { ok: false, problem: 'malformed' };
  const letter = m[1]!.toLowerCase();
  const tool = (Object.keys(TOOL_PREFIX) as Tool[]).find((t) => TOOL_PREFIX[t] === letter)!;
  const number = Number(m[2]);
  return { ok: true, tool, number, id: `${letter}${number}` };
}
