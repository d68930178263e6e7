/**
 * Measures document → the model of templates/measures/: part 1 the analysis (scores,
 * levels, charts, issue tables), part 2 the measures (numbered by topic, with their
 * responsible units and periods in the authority's format), part 3 and the approval.
 */
import type { YamlPath } from '../../diagnostics.js';
import { authorityPlace, authorityValues } from '../../derive/authority.js';
import { coverModel } from '../../derive/cover.js';
import { formatPeriod, periodFormat } from '../../derive/period.js';
import type { PlaceholderValue } from '../../derive/placeholders.js';
import { responsibleParts } from '../../derive/responsible.js';
import { titleBlock, titleLines, titleText } from '../../derive/title-block.js';
import { barChart, lineChart } from '../../render/charts.js';
import { applyDigits, formatDateLong, type DigitStyle } from '../../thai/index.js';
import { formatScore, levelOf, parseQuestionId, rulesFor, toHundredths, TOOL_LABEL, TOOL_NAME, TOOLS, VERDICT_TEXT, verdictOf, type Tool, type YearRules } from '../ita-levels.js';
import type { DeriveContext, DerivedDocument } from '../kind.js';
import { assessmentYear, measureList, toolOf, type MeasuresInput, type Path, type Prose, type TopicInput } from './input.js';
import { computeScores } from './scores.js';

const DEFAULT_TITLE = 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส';
const DEFAULT_TOPIC_TITLE = 'หัวข้อที่ {{number}} {{title}}';

export function derive(input: MeasuresInput, ctx: DeriveContext): DerivedDocument {
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
  const format = periodFormat(input.options?.period_format);
  const labels = input.options?.responsible_labels;

  // Placeholders.
  const values = new Map<string, PlaceholderValue>([
    ...authorityValues(input.authority),
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
  const prose = <T extends Prose | undefined>(value: T, path: YamlPath) => ctx.prose(value, path, values);

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
  // A topic is numbered as the authority numbers it (its own number, else its place), under its own wording.
  const topicNumber = (topic: TopicInput, t: number) => num(topic.number ?? t + 1);
  const topicTitle = (topic: TopicInput, t: number) =>
    ctx.prose(input.measures.topic_title ?? DEFAULT_TOPIC_TITLE, ['measures', 'topic_title'], new Map([['number', topicNumber(topic, t)], ['title', topic.title]]));
  const topics = input.measures.topics.map((topic, t) => ({
    heading: topicTitle(topic, t),
    span: topic.measures.length,
    measures: topic.measures.map((m, i) => {
      const at: Path = ['measures', 'topics', t, 'measures', i];
      return {
        first: i === 0,
        number: `${topicNumber(topic, t)}.${num(i + 1)}`,
        title: m.title,
        practice: m.practice === undefined ? undefined : prose(m.practice, [...at, 'practice']),
        responsible: responsibleParts(m.responsible, labels),
        steps: prose(m.steps, [...at, 'steps']),
        period: formatPeriod(m.period ?? 'whole_year', fy, digits, format, (t) => prose(t, [...at, 'period', 'text'])),
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
  const listed = Array.isArray(input.title);
  const titled = titleLines(input.title ?? DEFAULT_TITLE, ['title'], prose);
  const title = titleText(titled);
  const address = input.address ?? authorityPlace(input.authority);
  const authorityLine = [input.authority.name, address].filter(Boolean).join(' ');
  const cover = coverModel(input.cover, input.authority, {
    title: listed ? titled : [...titled, yearText],
    lines: listed ? [] : [input.authority.name, ...(address ? [address] : [])],
    fallback: false,
  }, prose);

  return {
    digits,
    meta: {
      title: listed ? title : `${title} ${yearText}`,
      author: input.authority.name,
      subject: `${title} ของ${input.authority.name} ${yearText} และการวิเคราะห์ผลการประเมิน ITA ปี ${num(ay)}`,
      keywords: ['ITA', 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส', 'การวิเคราะห์ผลการประเมิน', input.authority.name, `ปีงบประมาณ ${num(fy)}`],
      date: input.approval.date,
    },
    model: {
      cover,
      titleBlock: titleBlock(titled, listed ? {} : { keep: yearText, sub: [authorityLine] }),
      authority: input.authority,
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