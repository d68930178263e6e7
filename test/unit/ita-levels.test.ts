/** The ITA's scoring rules per assessment year (src/kinds/ita-levels.ts). */
import { describe, expect, it } from 'vitest';
import {
  deriveScores,
  formatScore,
  ITA_RULES,
  levelOf,
  meanScore,
  overallScore,
  parseQuestionId,
  rulesFor,
  toHundredths,
  verdictOf,
  type Tool,
  type YearRules,
} from '../../src/kinds/ita-levels.js';

const rules = (year: number): YearRules => {
  const r = rulesFor(year);
  if (!r.ok) throw new Error(`no rules for ${year}`);
  return r.rules;
};
const tools = (iit: number, eit: number, oit: number): Record<Tool, number> => ({ iit, eit, oit });
const level = (year: number, total: number, t?: Record<Tool, number>) => levelOf(total, t, rules(year))?.level;

describe('scores in hundredths', () => {
  it('reads numbers 0–100 with at most two decimals, exactly', () => {
    expect(toHundredths(88.28)).toBe(8828);
    expect(toHundredths(100)).toBe(10000);
    expect(toHundredths(0)).toBe(0);
    expect(toHundredths(85.1)).toBe(8510);
    expect(toHundredths(0.07)).toBe(7);
    expect(toHundredths(99.085)).toBeNull();
    expect(toHundredths(100.01)).toBeNull();
    expect(toHundredths(-1)).toBeNull();
    expect(toHundredths(1e-7)).toBeNull();
    expect(toHundredths('88.28')).toBeNull();
    expect(toHundredths(Number.NaN)).toBeNull();
  });

  it('rounds means half up to two decimals', () => {
    expect(meanScore([1, 2])).toBe(2); // 0.015 → 0.02
    expect(meanScore([8828, 8429, 8596])).toBe(8618); // 86.1767 → 86.18
    expect(meanScore([10000, 9908, 9890, 9186, 9519])).toBe(9701); // 97.006 → 97.01
    expect(meanScore([3, 3, 4])).toBe(3); // 3.33 → 3
  });

  it('weighs the tools 30/30/40', () => {
    expect(overallScore(tools(9701, 8618, 10000), { iit: 30, eit: 30, oit: 40 })).toBe(9496);
    expect(overallScore(tools(8500, 8500, 8500), { iit: 30, eit: 30, oit: 40 })).toBe(8500);
    // 0.3 × 84.99 + 0.3 × 85 + 0.4 × 85.01 = 85.001 → 85.00
    expect(overallScore(tools(8499, 8500, 8501), { iit: 30, eit: 30, oit: 40 })).toBe(8500);
  });

  it("reproduces seed 003's announced 94.96 from its ten indicator scores", () => {
    const scores = new Map([
      [1, 10000], [2, 9908], [3, 9890], [4, 9186], [5, 9519],
      [6, 8828], [7, 8429], [8, 8596],
      [9, 10000], [10, 10000],
    ]);
    const derived = deriveScores(scores, rules(2566));
    expect(derived.tools).toEqual({ iit: 9701, eit: 8618, oit: 10000 });
    expect(Math.abs(derived.overall - 9496)).toBeLessThanOrEqual(1);
    expect(levelOf(derived.overall, derived.tools, rules(2566))?.level).toBe('ผ่านดี');
  });

  it('prints two decimals in the digits asked for', () => {
    expect(formatScore(8828)).toBe('๘๘.๒๘');
    expect(formatScore(8828, 'arabic')).toBe('88.28');
    expect(formatScore(10000)).toBe('๑๐๐.๐๐');
    expect(formatScore(5, 'arabic')).toBe('0.05');
    expect(formatScore(8500, 'arabic')).toBe('85.00');
  });
});

describe('levels up to FY 2565 (AA–F)', () => {
  it.each([
    [100, 'AA'],
    [95, 'AA'],
    [94.99, 'A'],
    [85, 'A'],
    [84.99, 'B'],
    [75, 'B'],
    [74.99, 'C'],
    [65, 'C'],
    [64.99, 'D'],
    [55, 'D'],
    [54.99, 'E'],
    [50, 'E'],
    [49.99, 'F'],
    [0, 'F'],
  ])('%s → %s', (score, expected) => {
    for (const year of [2561, 2562, 2563, 2564, 2565]) expect(level(year, toHundredths(score)!)).toBe(expected);
  });

  it('ignores the tools (a tool below 85 does not lower an A)', () => {
    expect(level(2565, 9000, tools(9900, 7000, 9900))).toBe('A');
    expect(level(2565, 9500, tools(9900, 8000, 9900))).toBe('AA');
  });
});

describe('levels from FY 2566 (total and each tool)', () => {
  const all = (h: number) => tools(h, h, h);
  it.each([
    ['95 with every tool ≥ 95', 9500, all(9500), 'ผ่านดีเยี่ยม'],
    ['100 with every tool 100', 10000, all(10000), 'ผ่านดีเยี่ยม'],
    ['95 with a tool at 94.99', 9500, tools(9499, 9600, 9700), 'ผ่านดี'],
    ['94.99 with every tool ≥ 95', 9499, all(9500), 'ผ่านดี'],
    ['85 with every tool 85', 8500, all(8500), 'ผ่านดี'],
    ['85 with a tool at 84.99', 8500, tools(8499, 8600, 8500), 'ผ่าน'],
    ['95 with a tool below 85', 9500, tools(10000, 8000, 10000), 'ผ่าน'],
    ['94.99 with a tool below 85', 9499, tools(9900, 8499, 9900), 'ผ่าน'],
    ['84.99', 8499, all(8499), 'ต้องปรับปรุง'],
    ['84.99 with every tool above 85', 8499, tools(8600, 8600, 8300), 'ต้องปรับปรุง'],
    ['50', 5000, all(5000), 'ต้องปรับปรุง'],
    ['49.99', 4999, all(4999), 'ต้องปรับปรุงโดยด่วน'],
  ])('%s → %s', (_name, total, t, expected) => {
    for (const year of [2566, 2567, 2568]) expect(level(year, total, t)).toBe(expected);
  });

  it('cannot decide a passing level without the tools, but can a failing one', () => {
    expect(level(2566, 9000)).toBeUndefined();
    expect(level(2566, 8000)).toBe('ต้องปรับปรุง');
  });

  it('marks which levels pass', () => {
    expect(levelOf(8500, tools(8000, 9000, 9000), rules(2566))?.passed).toBe(true);
    expect(levelOf(8499, tools(9000, 9000, 9000), rules(2566))?.passed).toBe(false);
    expect(levelOf(8499, undefined, rules(2565))?.passed).toBe(false);
  });
});

describe('rules as data per year', () => {
  it('has ten indicators per year, numbered 1–10, 5 IIT / 3 EIT / 2 OIT, weights summing to 100', () => {
    for (const r of ITA_RULES) {
      expect(r.indicators.map((i) => i.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const count = (t: Tool) => r.indicators.filter((i) => i.tool === t).length;
      expect([count('iit'), count('eit'), count('oit')]).toEqual([5, 3, 2]);
      expect(r.weights.iit + r.weights.eit + r.weights.oit).toBe(100);
      expect(r.tiers[r.tiers.length - 1]!.minTotal).toBe(0);
      expect(r.passMark).toBe(8500);
    }
  });

  it('keeps the labels that drift between years', () => {
    expect(rules(2565).indicators[7]!.name).toBe('การปรับปรุงระบบการทำงาน');
    expect(rules(2566).indicators[7]!.name).toBe('การปรับปรุงการทำงาน');
  });

  it('covers every year without gaps or overlaps, and uses the latest rules (flagged) after the last', () => {
    const years = ITA_RULES.flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i));
    expect(new Set(years).size).toBe(years.length);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => years[0]! + i));
    const later = rulesFor(years[years.length - 1]! + 1);
    expect(later.ok && !later.exact).toBe(true);
    expect(rulesFor(2560).ok).toBe(false);
  });

  it('sorts indicators into weak points, points to develop and strengths', () => {
    expect(verdictOf(8499, rules(2566))).toBe('weak');
    expect(verdictOf(8500, rules(2566))).toBe('develop');
    expect(verdictOf(9499, rules(2566))).toBe('develop');
    expect(verdictOf(9500, rules(2566))).toBe('strength');
  });
});

describe('question ids', () => {
  it.each([
    ['i1', 'iit', 1],
    ['e11', 'eit', 11],
    ['E11', 'eit', 11],
    ['O27', 'oit', 27],
    ['i๒๗', 'iit', 27],
    [' e 5 ', 'eit', 5],
  ])('%s → %s %s', (raw, tool, number) => {
    const id = parseQuestionId(raw);
    expect(id).toMatchObject({ ok: true, tool, number, id: `${tool[0]}${number}` });
  });

  it.each([27, '27', 'ข้อ ๒๗', '๒๗'])('%s has no tool prefix', (raw) => {
    expect(parseQuestionId(raw)).toEqual({ ok: false, problem: 'no-prefix', number: 27 });
  });

  it.each(['x3', 'i', 'i0', 'ie3', '', 'i-1'])('"%s" is malformed', (raw) => {
    expect(parseQuestionId(raw)).toMatchObject({ ok: false, problem: 'malformed' });
  });
});
