/**
 * The rules of a measures document beyond its schema: the assessment year and its ITA
 * rules, scores with two decimals, each indicator and question once and in its tool,
 * measures that can be found by the results report and say how they are monitored,
 * dates in the fiscal year, and (prose-checks.ts) figures and names typed in prose.
 */
import { bi } from '../../diagnostics.js';
import { checkIsoDate, warnOutsideFiscalYear } from '../../validate/dates.js';
import { checkPeriod } from '../../validate/period.js';
import { formatScore, knownYears, parseQuestionId, rulesFor, toHundredths, TOOL_LABEL, TOOL_PREFIX, TOOLS, type Tool } from '../ita-levels.js';
import type { KindContext } from '../kind.js';
import { assessmentYear, measureList, toolOf, type MeasuresInput, type Path } from './input.js';
import { checkProse } from './prose-checks.js';
import { computeScores, figureNames } from './scores.js';

/** A difference between an announced and a derived score above this (hundredths) is a warning. */
const ANNOUNCED_TOLERANCE = 5;

export function rules(input: MeasuresInput, ctx: KindContext): void {
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
      if (m.period !== undefined) checkPeriod(ctx, [...path, 'period'], m.period, fy, 'measures/period-order');
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
