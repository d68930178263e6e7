/**
 * The ITA analysis and integrity measures document (มาตรการส่งเสริมคุณธรรมและความโปร่งใส):
 * part 1 analyses last year's assessment, part 2 sets this fiscal year's measures,
 * part 3 lists limitations and suggestions, then the approval.
 *
 * Officers type the ten indicator scores and the question scores; the tools'
 * scores, the overall score and the level are computed here by the rules of the
 * assessment year (ita-levels.ts), so none of them can be mistyped. Prose refers
 * to figures through placeholders ({{indicator.6.score}}), and prose that types a
 * score or another authority's name by hand is flagged (seed 003 quoted 86.47 for
 * an indicator whose table said 88.28, and named another authority).
 */
import { bi } from '../diagnostics.js';
import { barChart, lineChart } from '../render/charts.js';
import { applyDigits, formatDateLong, formatMonthSpan, parseIsoMonth, type DigitStyle, type IsoDate } from '../thai/index.js';
import { checkIsoDate, checkIsoMonthOrDate, warnOutsideFiscalYear } from '../validate/dates.js';
import {
  deriveScores,
  formatScore,
  knownYears,
  levelOf,
  parseQuestionId,
  rulesFor,
  toHundredths,
  TOOL_LABEL,
  TOOL_NAME,
  TOOL_PREFIX,
  TOOLS,
  VERDICT_TEXT,
  verdictOf,
  type Tier,
  type Tool,
  type YearRules,
} from './ita-levels.js';
import type { DeriveContext, DerivedDocument, DocumentKind, KindContext } from './kind.js';

type Prose = string | string[];
type Path = (string | number)[];

interface QuestionInput {
  id: string | number;
  score: number;
}
interface ToolGroupInput {
  tool: 'IIT' | 'EIT' | 'OIT';
  questions: QuestionInput[];
  action: string;
}
interface IssueInput {
  title: string;
  groups: ToolGroupInput[];
  analysis: string;
}
type UnitList = string | string[];
type PeriodShorthand = 'whole_year' | 'first_half' | 'second_half' | 'q1' | 'q2' | 'q3' | 'q4';
/** common.schema.json#/$defs/period: a part of the fiscal year, or months/dates (CE). */
type PeriodInput = PeriodShorthand | { from: string; to: string };
interface MeasureInput {
  id?: string;
  title: string;
  practice?: Prose;
  /** common.schema.json#/$defs/responsible */
  responsible: UnitList | { main: UnitList; support?: UnitList };
  steps: Prose;
  period?: PeriodInput;
  monitoring?: Prose;
}
interface TopicInput {
  title: string;
  issue?: number;
  measures: MeasureInput[];
}
interface NumberedListInput {
  introduction?: string;
  items: string[];
}
type ScoreSet = { score?: number; iit?: number; eit?: number; oit?: number };

export interface MeasuresInput {
  kind: 'measures';
  options?: { digits?: DigitStyle };
  authority: { name: string; short_name?: string; province?: string; website?: string };
  title?: string;
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
  measures: { introduction?: string; monitoring?: Prose; topics: TopicInput[] };
  limitations: NumberedListInput;
  suggestions: NumberedListInput;
  approval: { name: string; position: string | string[]; date: string };
}

const DEFAULT_TITLE = 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส';
/** A difference between an announced and a derived score above this (hundredths) is a warning. */
const ANNOUNCED_TOLERANCE = 5;

const toolOf = (label: ToolGroupInput['tool']): Tool => label.toLowerCase() as Tool;

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

function assessmentYear(input: MeasuresInput): number {
  return input.analysis.assessment_year ?? input.fiscal_year - 1;
}

// ---------------------------------------------------------------------------
// The scores, computed once for the rules and for derive

interface Scores {
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

function computeScores(input: MeasuresInput, rules: YearRules): Scores {
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

// ---------------------------------------------------------------------------
// Prose fields and what is checked in them

interface ProseField {
  path: Path;
  text: string;
}

function proseFields(input: MeasuresInput): ProseField[] {
  const out: ProseField[] = [];
  const add = (value: Prose | undefined, path: Path) => {
    if (typeof value === 'string') out.push({ path, text: value });
    else if (Array.isArray(value)) value.forEach((v, i) => out.push({ path: [...path, i], text: v }));
  };
  add(input.analysis.introduction, ['analysis', 'introduction']);
  input.analysis.issues.forEach((issue, i) => {
    issue.groups.forEach((g, k) => add(g.action, ['analysis', 'issues', i, 'groups', k, 'action']));
    add(issue.analysis, ['analysis', 'issues', i, 'analysis']);
  });
  add(input.measures.introduction, ['measures', 'introduction']);
  add(input.measures.monitoring, ['measures', 'monitoring']);
  input.measures.topics.forEach((topic, t) =>
    topic.measures.forEach((m, i) => {
      const at = ['measures', 'topics', t, 'measures', i];
      add(m.practice, [...at, 'practice']);
      add(m.steps, [...at, 'steps']);
      add(m.monitoring, [...at, 'monitoring']);
    }),
  );
  for (const part of ['limitations', 'suggestions'] as const) {
    add(input[part].introduction, [part, 'introduction']);
    add(input[part].items, [part, 'items']);
  }
  return out;
}

function reportAt(ctx: KindContext, severity: 'error' | 'warning', code: string, path: Path, needle: string, message: ReturnType<typeof bi>, hint: ReturnType<typeof bi>) {
  ctx.report({ severity, code, file: ctx.doc.file, path, ...ctx.doc.locateText(path, needle), message, hint });
}

/** A score-like number (two decimals) typed in prose; not a time ("10.30 น.") nor part of a dotted date. */
const FIGURE = /(?<![0-9๐-๙.,])([0-9๐-๙]{1,3})\.([0-9๐-๙]{2})(?![0-9๐-๙]|\.[0-9๐-๙]|\s*น\.)/g;
const toArabic = (s: string) => s.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));

/** Local-authority name prefixes: the name that follows must be this authority's. */
const AUTHORITY_PREFIXES = ['องค์การบริหารส่วนจังหวัด', 'องค์การบริหารส่วนตำบล', 'เทศบาลนคร', 'เทศบาลเมือง', 'เทศบาลตำบล'];
/** Words that make a prefix generic ("องค์การบริหารส่วนตำบลอื่น", "เทศบาลเมืองและ…"). */
const GENERIC_AFTER = ['หรือ', 'และ', 'อื่น', 'ทั่ว', 'ต่าง', 'ทุก', 'ใน', 'ที่', 'ซึ่ง', 'จะ', 'มี', 'ได้', 'เป็น', 'ก็', 'นั้น', 'นี้', 'แห่ง', 'ของ', 'กับ', 'ให้'];

function checkProse(input: MeasuresInput, ctx: KindContext, figures: Map<number, string[]>): void {
  const own = [input.authority.name, input.authority.short_name].filter((n): n is string => Boolean(n));
  for (const field of proseFields(input)) {
    // Placeholders are not typed text.
    const text = field.text.replace(/\{\{[^{}]*\}\}/g, (m) => ' '.repeat(m.length));
    for (const m of text.matchAll(FIGURE)) {
      const literal = m[0];
      const value = Number(toArabic(m[1]!)) * 100 + Number(toArabic(m[2]!));
      if (value > 10000) continue;
      const names = figures.get(value);
      if (names && names.length > 0) {
        const shown = names.slice(0, 3).map((n) => `{{${n}}}`).join(', ');
        reportAt(ctx, 'warning', 'prose/typed-figure', field.path, literal,
          bi(`ข้อความพิมพ์คะแนน ${literal} เอง ซึ่งเป็นค่าที่มีในข้อมูล`, `the text types the score ${literal}, which is a figure of the data`),
          bi(`ใช้ ${shown} แทน เพื่อให้ข้อความตรงกับตารางเสมอ`, `write ${shown} instead, so the text always matches the tables`));
      } else {
        reportAt(ctx, 'warning', 'prose/unknown-figure', field.path, literal,
          bi(`ข้อความอ้างคะแนน ${literal} ซึ่งไม่ตรงกับคะแนนใดในข้อมูล`, `the text quotes ${literal}, which matches no score in the data`),
          bi('ตรวจตัวเลขกับตาราง แล้วอ้างด้วย {{indicator.N.score}}, {{score}}, {{iit}} หรือ {{question.e1.score}}', 'check it against the tables and refer to it with {{indicator.N.score}}, {{score}}, {{iit}} or {{question.e1.score}}'));
      }
    }
    for (const prefix of AUTHORITY_PREFIXES) {
      for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
        const rest = text.slice(at);
        if (own.some((n) => rest.startsWith(n))) continue;
        const after = rest.slice(prefix.length);
        if (!/^[ก-ฮ]/.test(after) || GENERIC_AFTER.some((w) => after.startsWith(w))) continue;
        const shown = rest.slice(0, prefix.length + 12);
        reportAt(ctx, 'warning', 'prose/other-authority', field.path, shown,
          bi(`ข้อความเอ่ยชื่อหน่วยงานอื่น "${shown}…" ไม่ใช่ ${input.authority.name}`, `the text names another authority "${shown}…", not ${input.authority.name}`),
          bi('ใช้ {{authority}} สำหรับชื่อหน่วยงานนี้ (ถ้าตั้งใจอ้างหน่วยงานอื่น ไม่ต้องแก้)', 'write {{authority}} for this authority (leave it if another body is meant)'));
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Rules

function rules(input: MeasuresInput, ctx: KindContext): void {
  const fy = input.fiscal_year;
  const year = assessmentYear(input);
  const yearPath: Path = input.analysis.assessment_year === undefined ? ['fiscal_year'] : ['analysis', 'assessment_year'];
  if (year >= fy) {
    ctx.problem('error', 'measures/assessment-year', yearPath, bi(`ปีที่ประเมิน (${year}) ต้องมาก่อนปีงบประมาณของมาตรการ (${fy})`, `the assessment year (${year}) must be before the measures' fiscal year (${fy})`), bi(`มาตรการปี ${fy} วิเคราะห์ผลการประเมินปี ${fy - 1}`, `measures for ${fy} analyse the assessment of ${fy - 1}`));
  } else if (year !== fy - 1) {
    ctx.problem('warning', 'measures/assessment-year', yearPath, bi(`ผลการประเมินปี ${year} ไม่ใช่ปีก่อนหน้าปีงบประมาณ ${fy}`, `the assessment of ${year} is not the year before fiscal year ${fy}`), bi(`โดยปกติวิเคราะห์ผลปี ${fy - 1}`, `usually the results of ${fy - 1} are analysed`));
  }
  const lookup = rulesFor(year);
  if (!lookup.ok) {
    const known = knownYears();
    ctx.problem('error', 'measures/unknown-year', yearPath, bi(`ไม่มีเกณฑ์การประเมิน ITA ของปี ${year} (มีปี ${known.first}–${known.last})`, `no ITA rules for ${year} (known: ${known.first}–${known.last})`), bi('ตรวจปีที่ประเมิน', 'check the assessment year'));
    return;
  }
  if (!lookup.exact) {
    ctx.problem('warning', 'measures/rules-assumed', yearPath, bi(`ยังไม่มีเกณฑ์ของปี ${year} ในเครื่องมือ จึงใช้เกณฑ์ของปี ${lookup.rules.from}–${lookup.rules.to}`, `no rules for ${year} yet; using those of ${lookup.rules.from}–${lookup.rules.to}`), bi('ตรวจเกณฑ์กับคู่มือการประเมินของปีนั้น และแจ้งผู้พัฒนาให้เพิ่มข้อมูลปีนี้ (src/kinds/ita-levels.ts)', "check against that year's manual and have the year added to src/kinds/ita-levels.ts"));
  }
  const yr = lookup.rules;

  // Every score: 0–100 (schema) with at most two decimals.
  const checkScore = (value: number | undefined, path: Path) => {
    if (value === undefined || toHundredths(value) !== null) return;
    ctx.problem('error', 'measures/score-decimals', path, bi(`คะแนน ${value} มีทศนิยมเกิน 2 ตำแหน่ง`, `the score ${value} has more than 2 decimals`), bi('คะแนนตามประกาศมีทศนิยม 2 ตำแหน่ง เช่น 88.28', 'announced scores have 2 decimals, e.g. 88.28'));
  };
  input.analysis.indicators.forEach((ind, i) => checkScore(ind.score, ['analysis', 'indicators', i, 'score']));
  for (const t of ['score', ...TOOLS] as const) checkScore(input.analysis.announced?.[t], ['analysis', 'announced', t]);
  (input.analysis.history ?? []).forEach((h, i) => {
    for (const t of ['score', ...TOOLS] as const) checkScore(h[t], ['analysis', 'history', i, t]);
  });

  // The ten indicators, each once.
  const seen = new Map<number, number>();
  input.analysis.indicators.forEach((ind, i) => {
    const first = seen.get(ind.no);
    if (first !== undefined) {
      const line = ctx.doc.locate(['analysis', 'indicators', first]).line;
      ctx.problem('error', 'measures/duplicate-indicator', ['analysis', 'indicators', i, 'no'], bi(`ตัวชี้วัดที่ ${ind.no} ซ้ำกับบรรทัด ${line}`, `indicator ${ind.no} is listed again (first on line ${line})`), bi('แต่ละตัวชี้วัดใส่ครั้งเดียว', 'list each indicator once'));
    } else seen.set(ind.no, i);
  });
  const missing = yr.indicators.filter((d) => !seen.has(d.no));
  if (missing.length > 0) {
    const list = missing.map((d) => `${d.no} ${d.name}`).join(', ');
    ctx.problem('error', 'measures/missing-indicator', ['analysis', 'indicators'], bi(`ขาดคะแนนตัวชี้วัด: ${list}`, `missing indicator scores: ${missing.map((d) => d.no).join(', ')}`), bi(`เพิ่ม - { no: ${missing[0]!.no}, score: ... } ตัวชี้วัดของปี ${year} มี ${yr.indicators.length} ตัว`, `add - { no: ${missing[0]!.no}, score: ... }; ${year} has ${yr.indicators.length} indicators`), { key: true });
  }

  const scores = computeScores(input, yr);
  if (scores.derived) {
    const announced = input.analysis.announced ?? {};
    for (const t of ['score', ...TOOLS] as const) {
      const a = toHundredths(announced[t]);
      if (a === null) continue;
      const derived = t === 'score' ? scores.derived.overall : scores.derived.tools[t];
      if (Math.abs(a - derived) > ANNOUNCED_TOLERANCE) {
        const label = t === 'score' ? 'คะแนนรวม' : `คะแนน ${TOOL_LABEL[t]}`;
        ctx.problem('warning', 'measures/announced-differs', ['analysis', 'announced', t], bi(`${label}ที่ประกาศ (${formatScore(a, 'arabic')}) ต่างจากค่าที่คำนวณจากคะแนนรายตัวชี้วัด (${formatScore(derived, 'arabic')}) เกิน 0.05`, `the announced ${t === 'score' ? 'overall score' : TOOL_LABEL[t] + ' score'} (${formatScore(a, 'arabic')}) differs from the one derived from the indicators (${formatScore(derived, 'arabic')}) by more than 0.05`), bi('ตรวจคะแนนรายตัวชี้วัดและคะแนนที่ประกาศ เอกสารจะพิมพ์ค่าที่ประกาศ', 'check the indicator scores and the announced figure; the document prints the announced one'));
      }
    }
  }

  // History: one entry per year, all before the assessment year.
  const years = new Map<number, number>();
  (input.analysis.history ?? []).forEach((h, i) => {
    const at: Path = ['analysis', 'history', i, 'year'];
    if (h.year >= year) {
      ctx.problem('error', 'measures/history-year', at, bi(`ปี ${h.year} ไม่ใช่ปีก่อนปีที่ประเมิน (${year})`, `${h.year} is not before the assessment year (${year})`), bi(`คะแนนปี ${year} คำนวณจากคะแนนรายตัวชี้วัดให้เอง ลบรายการนี้`, `the ${year} score is computed from the indicators; remove this entry`));
    }
    const first = years.get(h.year);
    if (first !== undefined) {
      const line = ctx.doc.locate(['analysis', 'history', first]).line;
      ctx.problem('error', 'measures/history-duplicate', at, bi(`ปี ${h.year} ซ้ำกับบรรทัด ${line}`, `${h.year} is listed again (first on line ${line})`), bi('แต่ละปีใส่ครั้งเดียว', 'list each year once'));
    } else years.set(h.year, i);
  });

  // Questions: ids with the tool's prefix and a number the tool has; one score per question.
  const questionScores = new Map<string, { score: number; path: Path }>();
  input.analysis.issues.forEach((issue, i) => {
    const tools = new Map<Tool, number>();
    issue.groups.forEach((group, k) => {
      const gpath: Path = ['analysis', 'issues', i, 'groups', k];
      const tool = toolOf(group.tool);
      const firstGroup = tools.get(tool);
      if (firstGroup !== undefined) {
        const line = ctx.doc.locate(['analysis', 'issues', i, 'groups', firstGroup]).line;
        ctx.problem('error', 'measures/duplicate-tool', [...gpath, 'tool'], bi(`เครื่องมือ ${group.tool} มีกลุ่มอยู่แล้วในประเด็นนี้ (บรรทัด ${line})`, `${group.tool} already has a group in this issue (line ${line})`), bi('รวมข้อคำถามของเครื่องมือเดียวกันไว้ในกลุ่มเดียว', "put all of a tool's questions in one group"));
      } else tools.set(tool, k);
      const ids = new Map<string, number>();
      group.questions.forEach((q, j) => {
        const qpath: Path = [...gpath, 'questions', j];
        checkScore(q.score, [...qpath, 'score']);
        const parsed = parseQuestionId(q.id);
        const prefix = TOOL_PREFIX[tool];
        if (!parsed.ok) {
          if (parsed.problem === 'no-prefix') {
            ctx.problem('error', 'measures/question-prefix', [...qpath, 'id'], bi(`ข้อคำถาม "${q.id}" ไม่มีอักษรของเครื่องมือนำหน้า`, `question "${q.id}" has no tool prefix`), bi(`ข้อนี้อยู่ในกลุ่ม ${group.tool} ให้เขียน ${prefix}${parsed.number}`, `it is in the ${group.tool} group: write ${prefix}${parsed.number}`));
          } else {
            ctx.problem('error', 'measures/question-id', [...qpath, 'id'], bi(`รหัสข้อคำถาม "${q.id}" ไม่ถูกต้อง`, `"${q.id}" is not a question id`), bi(`เขียนอักษรของเครื่องมือตามด้วยเลขข้อ เช่น ${prefix}1`, `write the tool's letter and the number, e.g. ${prefix}1`));
          }
          return;
        }
        if (parsed.tool !== tool) {
          ctx.problem('error', 'measures/question-tool', [...qpath, 'id'], bi(`ข้อ ${parsed.id} เป็นข้อคำถามของ ${TOOL_LABEL[parsed.tool]} แต่อยู่ในกลุ่ม ${group.tool}`, `${parsed.id} is an ${TOOL_LABEL[parsed.tool]} question but sits in the ${group.tool} group`), bi(`ย้ายไปกลุ่ม ${TOOL_LABEL[parsed.tool]} หรือแก้เป็น ${prefix}${parsed.number}`, `move it to the ${TOOL_LABEL[parsed.tool]} group or correct it to ${prefix}${parsed.number}`));
          return;
        }
        const max = yr.questions[tool];
        if (max !== undefined && parsed.number > max) {
          ctx.problem('error', 'measures/question-range', [...qpath, 'id'], bi(`${TOOL_LABEL[tool]} มีข้อคำถาม ${prefix}1–${prefix}${max} ไม่มีข้อ ${parsed.id}`, `${TOOL_LABEL[tool]} has questions ${prefix}1–${prefix}${max}; there is no ${parsed.id}`), bi('ตรวจเลขข้อกับแบบวัดของปีที่ประเมิน', "check the number against the assessment year's questionnaire"));
          return;
        }
        const firstInGroup = ids.get(parsed.id);
        if (firstInGroup !== undefined) {
          const line = ctx.doc.locate([...gpath, 'questions', firstInGroup]).line;
          ctx.problem('error', 'measures/duplicate-question', [...qpath, 'id'], bi(`ข้อ ${parsed.id} ซ้ำในกลุ่มเดียวกัน (บรรทัด ${line})`, `${parsed.id} appears twice in the group (line ${line})`), bi('ลบแถวที่ซ้ำ', 'remove the repeated row'));
          return;
        }
        ids.set(parsed.id, j);
        const h = toHundredths(q.score);
        if (h === null) return;
        const known = questionScores.get(parsed.id);
        if (known && known.score !== h) {
          const line = ctx.doc.locate(known.path).line;
          ctx.problem('error', 'measures/question-score-differs', [...qpath, 'score'], bi(`ข้อ ${parsed.id} ได้ ${formatScore(h, 'arabic')} ที่นี่ แต่ได้ ${formatScore(known.score, 'arabic')} ที่บรรทัด ${line}`, `${parsed.id} scores ${formatScore(h, 'arabic')} here but ${formatScore(known.score, 'arabic')} on line ${line}`), bi('ข้อคำถามเดียวกันมีคะแนนเดียว ตรวจกับผลการประเมิน', 'a question has one score; check against the results'));
        } else if (!known) questionScores.set(parsed.id, { score: h, path: [...qpath, 'score'] });
      });
    });
  });

  // Measures: unique keys, a way to monitor each, topics pointing at existing issues.
  const keys = new Map<string, Path>();
  for (const m of measureList(input)) {
    const first = keys.get(m.key);
    if (first) {
      const line = ctx.doc.locate(first).line;
      const measure = input.measures.topics[m.path[2] as number]!.measures[m.path[4] as number]!;
      const field = measure.id !== undefined ? 'id' : 'title';
      ctx.problem('error', 'measures/duplicate-measure', [...m.path, field], bi(`มาตรการซ้ำกับมาตรการที่บรรทัด ${line}`, `the measure repeats the one on line ${line}`), bi('ตั้งชื่อ (หรือ id) ของแต่ละมาตรการให้ไม่ซ้ำกัน รายงานผลอ้างถึงมาตรการด้วยชื่อนี้', 'give each measure its own title (or id); the results report refers to measures by it'));
    } else keys.set(m.key, m.path);
  }
  input.measures.topics.forEach((topic, t) => {
    topic.measures.forEach((m, i) => {
      const path: Path = ['measures', 'topics', t, 'measures', i];
      if (m.monitoring === undefined && input.measures.monitoring === undefined) {
        ctx.problem('error', 'measures/no-monitoring', path, bi('มาตรการไม่มีการติดตามและรายงานผล', 'the measure does not say how it is monitored and reported'), bi('เพิ่ม monitoring: ในมาตรการ หรือ measures.monitoring: สำหรับทุกมาตรการ', 'add monitoring: to the measure, or measures.monitoring: for all of them'));
      }
      if (m.period !== undefined && typeof m.period === 'object') {
        const from = checkIsoMonthOrDate(ctx, [...path, 'period', 'from'], m.period.from, 'start');
        const to = checkIsoMonthOrDate(ctx, [...path, 'period', 'to'], m.period.to, 'end');
        if (from) warnOutsideFiscalYear(ctx, [...path, 'period', 'from'], from, fy, bi('วันเริ่ม', 'the start'));
        if (to) warnOutsideFiscalYear(ctx, [...path, 'period', 'to'], to, fy, bi('วันสิ้นสุด', 'the end'));
        if (from && to && dayNumber(to) < dayNumber(from)) {
          ctx.problem('error', 'measures/period-order', [...path, 'period', 'to'], bi(`วันสิ้นสุด (${m.period.to}) มาก่อนวันเริ่ม (${m.period.from})`, `the end (${m.period.to}) is before the start (${m.period.from})`), bi('สลับค่า from และ to', 'swap from and to'));
        }
      }
    });
    if (topic.issue !== undefined && topic.issue > input.analysis.issues.length) {
      ctx.problem('error', 'measures/topic-issue', ['measures', 'topics', t, 'issue'], bi(`ไม่มีประเด็นที่ ${topic.issue} (การวิเคราะห์มี ${input.analysis.issues.length} ประเด็น)`, `there is no issue ${topic.issue} (the analysis has ${input.analysis.issues.length})`), bi('ตรวจลำดับประเด็นในส่วนที่ ๑', 'check the issue numbers of part 1'));
    }
  });
  if (input.measures.topics.some((t) => t.issue !== undefined)) {
    const covered = new Set(input.measures.topics.map((t) => t.issue));
    input.analysis.issues.forEach((issue, i) => {
      if (!covered.has(i + 1)) {
        ctx.problem('warning', 'measures/issue-without-measure', ['analysis', 'issues', i, 'title'], bi(`ประเด็นที่ ${i + 1} ไม่มีหัวข้อมาตรการรองรับ`, `issue ${i + 1} has no topic of measures`), bi(`เพิ่มหัวข้อที่มี issue: ${i + 1} ในส่วนมาตรการ`, `add a topic with issue: ${i + 1} to the measures`));
      }
    });
  }

  // Approval: a real date inside the fiscal year of the measures.
  const approved = checkIsoDate(ctx, ['approval', 'date'], input.approval.date);
  if (approved) warnOutsideFiscalYear(ctx, ['approval', 'date'], approved, fy, bi('วันที่อนุมัติ', 'the approval date'));

  checkProse(input, ctx, figureNames(input, scores));
}

/** Every figure of the data (hundredths) and the placeholders that print it, most general first. */
function figureNames(input: MeasuresInput, scores: Scores): Map<number, string[]> {
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

// ---------------------------------------------------------------------------
// Derive

function derive(input: MeasuresInput, ctx: DeriveContext): DerivedDocument {
  const digits = ctx.digits;
  const num = (n: number | string) => applyDigits(String(n), digits);
  const score = (h: number) => formatScore(h, digits);
  const lookup = rulesFor(assessmentYear(input));
  if (!lookup.ok) throw new Error('derive without rules: the rules step should have stopped this');
  const yr = lookup.rules;
  const s = computeScores(input, yr);
  const printed = s.printed!;
  const levelText = s.level?.level ?? '';
  const fy = input.fiscal_year;
  const ay = s.year;
  const title = input.title ?? DEFAULT_TITLE;

  // Placeholders.
  const values = new Map<string, string>([
    ['authority', input.authority.name],
    ['authority_short', input.authority.short_name ?? input.authority.name],
    ['province', input.authority.province ?? ''],
    ['fiscal_year', num(fy)],
    ['assessment_year', num(ay)],
    ['score', score(printed.overall)],
    ['level', levelText],
    ['iit', score(printed.tools.iit)],
    ['eit', score(printed.tools.eit)],
    ['oit', score(printed.tools.oit)],
    ['pass_mark', num(yr.passMark / 100)],
    ['issues', num(input.analysis.issues.length)],
    ['measures', num(measureList(input).length)],
  ]);
  for (const def of yr.indicators) {
    values.set(`indicator.${def.no}.name`, def.name);
    values.set(`indicator.${def.no}.score`, score(s.indicators.get(def.no)!));
  }
  input.analysis.issues.forEach((issue, i) => values.set(`issue.${i + 1}.title`, issue.title));
  for (const issue of input.analysis.issues) {
    for (const g of issue.groups) {
      for (const q of g.questions) {
        const id = parseQuestionId(q.id);
        if (id.ok && !values.has(`question.${id.id}.score`)) values.set(`question.${id.id}.score`, score(toHundredths(q.score)!));
      }
    }
  }
  const prose = <T extends Prose | undefined>(value: T, path: Path) => ctx.prose(value, path, values);

  // Part 1: summary, indicators, charts, issues.
  const tools = TOOLS.map((t) => ({
    label: TOOL_LABEL[t],
    name: TOOL_NAME[t],
    weight: num(yr.weights[t]),
    score: score(printed.tools[t]),
    below: printed.tools[t] < yr.passMark,
  }));
  const indicators = yr.indicators.map((def) => {
    const h = s.indicators.get(def.no)!;
    return { no: num(def.no), name: def.name, tool: TOOL_LABEL[def.tool], score: score(h), verdict: VERDICT_TEXT[verdictOf(h, yr)], below: h < yr.passMark };
  });
  const barSvg = barChart(
    yr.indicators.map((def) => ({ label: `${num(def.no)}. ${def.name}`, value: s.indicators.get(def.no)! })),
    { digits, passMark: yr.passMark, title: `คะแนนรายตัวชี้วัด ปี ${num(ay)}` },
  );
  const history = [...(input.analysis.history ?? [])].sort((a, b) => a.year - b.year);
  const points = history.map((h) => {
    const total = toHundredths(h.score)!;
    const hasTools = TOOLS.every((t) => h[t] !== undefined);
    const tl = hasTools ? (Object.fromEntries(TOOLS.map((t) => [t, toHundredths(h[t])!])) as Record<Tool, number>) : undefined;
    const r = rulesFor(h.year);
    const level = r.ok ? levelOf(total, tl, r.rules)?.level : undefined;
    return { label: `ปี ${num(h.year)}`, sublabel: level, value: total };
  });
  points.push({ label: `ปี ${num(ay)}`, sublabel: levelText || undefined, value: printed.overall });
  const firstYear = history.length > 0 ? history[0]!.year : ay;
  const lineSvg = lineChart(points, { digits, passMark: yr.passMark, title: `คะแนนรวม ปี ${num(firstYear)}–${num(ay)}` });

  let questionCount = 0;
  const issues = input.analysis.issues.map((issue, i) => {
    const rows: IssueRow[] = [];
    issue.groups.forEach((g, k) => {
      const tool = toolOf(g.tool);
      const action = prose(g.action, ['analysis', 'issues', i, 'groups', k, 'action']);
      g.questions.forEach((q, j) => {
        questionCount += 1;
        const id = parseQuestionId(q.id);
        const h = toHundredths(q.score)!;
        rows.push({
          groupFirst: j === 0,
          groupSpan: g.questions.length,
          tool: TOOL_LABEL[tool],
          action,
          id: id.ok ? num(id.id) : String(q.id),
          score: score(h),
          below: h < yr.passMark,
        });
      });
    });
    return { id: `issue-${i + 1}`, number: num(i + 1), title: issue.title, rows, analysis: prose(issue.analysis, ['analysis', 'issues', i, 'analysis']) };
  });

  // Part 2: the measures, numbered by topic.
  // When every measure is monitored the same way, that is said once, under the table.
  const ownMonitoring = input.measures.topics.some((t) => t.measures.some((m) => m.monitoring !== undefined));
  const defaultMonitoring = input.measures.monitoring === undefined ? undefined : prose(input.measures.monitoring, ['measures', 'monitoring']);
  const topics = input.measures.topics.map((topic, t) => ({
    number: num(t + 1),
    title: topic.title,
    span: topic.measures.length,
    measures: topic.measures.map((m, i) => {
      const at: Path = ['measures', 'topics', t, 'measures', i];
      return {
        first: i === 0,
        number: num(`${t + 1}.${i + 1}`),
        title: m.title,
        practice: m.practice === undefined ? undefined : prose(m.practice, [...at, 'practice']),
        responsible: responsibleOf(m.responsible),
        steps: prose(m.steps, [...at, 'steps']),
        period: periodText(m.period ?? 'whole_year', fy, digits),
        monitoring: m.monitoring !== undefined ? prose(m.monitoring, [...at, 'monitoring']) : defaultMonitoring,
      };
    }),
  }));

  const list = (part: 'limitations' | 'suggestions') => ({
    introduction: input[part].introduction === undefined ? undefined : prose(input[part].introduction, [part, 'introduction']),
    items: prose(input[part].items, [part, 'items']),
  });
  const approvalDate = formatDateLong(input.approval.date, digits).replace(/ (\S+)$/, ' พ.ศ. $1');
  const yearText = `ประจำปี พ.ศ. ${num(fy)}`;

  return {
    digits,
    meta: {
      title: `${title} ${yearText}`,
      author: input.authority.name,
      subject: `${title} ของ${input.authority.name} ${yearText} และการวิเคราะห์ผลการประเมิน ITA ปี ${num(ay)}`,
      keywords: ['ITA', 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส', 'การวิเคราะห์ผลการประเมิน', input.authority.name, `ปีงบประมาณ ${num(fy)}`],
      date: input.approval.date,
    },
    model: {
      title,
      yearText,
      authority: input.authority,
      address: input.address ?? (input.authority.province ? `จังหวัด${input.authority.province}` : undefined),
      fiscalYear: num(fy),
      assessmentYear: num(ay),
      analysis: {
        introduction: prose(input.analysis.introduction, ['analysis', 'introduction']),
        tools,
        overall: score(printed.overall),
        level: levelText,
        passed: s.level?.passed ?? false,
        levelRule: levelRuleText(yr, digits),
        indicators,
        barSvg,
        lineSvg,
        historyYears: points.length,
        issues,
        questionCount: num(questionCount),
      },
      measures: {
        introduction: input.measures.introduction === undefined ? undefined : prose(input.measures.introduction, ['measures', 'introduction']),
        topics,
        monitoringColumn: ownMonitoring,
        columns: ownMonitoring ? 5 : 4,
        monitoring: ownMonitoring ? undefined : defaultMonitoring,
      },
      limitations: list('limitations'),
      suggestions: list('suggestions'),
      approval: {
        name: input.approval.name,
        position: Array.isArray(input.approval.position) ? input.approval.position : [input.approval.position],
        date: approvalDate,
      },
    },
  };
}

interface IssueRow {
  groupFirst: boolean;
  groupSpan: number;
  tool: string;
  action: string;
  id: string;
  score: string;
  below: boolean;
}

const dayNumber = (d: IsoDate) => d.year * 10000 + d.month * 100 + d.day;

/** CE months [from, to] of a part of fiscal year fy. */
function shorthandMonths(s: PeriodShorthand, fy: number): [{ year: number; month: number }, { year: number; month: number }] {
  const y = fy - 543;
  const parts: Record<PeriodShorthand, [number, number, number, number]> = {
    whole_year: [y - 1, 10, y, 9],
    first_half: [y - 1, 10, y, 3],
    second_half: [y, 4, y, 9],
    q1: [y - 1, 10, y - 1, 12],
    q2: [y, 1, y, 3],
    q3: [y, 4, y, 6],
    q4: [y, 7, y, 9],
  };
  const [a, b, c, d] = parts[s];
  return [{ year: a, month: b }, { year: c, month: d }];
}

/** "ต.ค. ๖๖ – ก.ย. ๖๗" (months, as the seeds print periods in narrow columns) or "๑ ธ.ค. ๖๖ – ๓๑ มี.ค. ๖๗" (dates). */
function periodText(period: PeriodInput, fy: number, digits: DigitStyle): string {
  if (typeof period === 'string') {
    const [from, to] = shorthandMonths(period, fy);
    return formatMonthSpan(from, to, digits);
  }
  const point = (v: string) => {
    const month = parseIsoMonth(v.slice(0, 7))!;
    const day = v.length === 10 ? `${Number(v.slice(8))} ` : '';
    return `${day}${formatMonthSpan(month, month, digits)}`;
  };
  const a = point(period.from);
  const b = point(period.to);
  return applyDigits(a === b ? a : `${a} \u2013 ${b}`, digits);
}

/** Main units, one a line, then the supporting ones; ไม้ยมก never starts a line ("อื่น ๆ" stays together). */
function responsibleOf(value: MeasureInput['responsible']): { main: string[]; support: string[] } {
  const list = (v: UnitList | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((u) => u.replace(/ ๆ/g, '\u00a0ๆ'));
  if (typeof value === 'object' && !Array.isArray(value)) return { main: list(value.main), support: list(value.support) };
  return { main: list(value), support: [] };
}

/** One sentence on how the level is decided, from the year's tiers. */
function levelRuleText(yr: YearRules, digits: DigitStyle): string {
  const n = (h: number) => applyDigits(String(h / 100), digits);
  if (yr.tiers.some((t) => t.minEachTool !== undefined)) {
    const top = yr.tiers[0]!;
    const good = yr.tiers[1]!;
    return `ระดับผลการประเมินพิจารณาจากคะแนนรวมและคะแนนรายเครื่องมือ: ${top.level} เมื่อคะแนนรวมและทุกเครื่องมือได้ ${n(top.minEachTool ?? top.minTotal)} ขึ้นไป, ${good.level} เมื่อคะแนนรวมและทุกเครื่องมือได้ ${n(good.minEachTool ?? good.minTotal)} ขึ้นไป (เกณฑ์ผ่าน ${n(yr.passMark)} คะแนน)`;
  }
  return `ระดับผลการประเมิน: ${yr.tiers.map((t) => `${t.level} ${n(t.minTotal)} ขึ้นไป`).join(', ')} (เกณฑ์ผ่าน ${n(yr.passMark)} คะแนน)`;
}

export const measuresKind: DocumentKind<MeasuresInput> = {
  name: 'measures',
  title: bi('มาตรการส่งเสริมคุณธรรมและความโปร่งใส (พร้อมการวิเคราะห์ผลการประเมิน ITA)', 'integrity measures with the analysis of the ITA results'),
  noun: bi('เอกสารมาตรการ', 'measures document'),
  schema: 'measures.schema.json',
  rules,
  derive,
};

