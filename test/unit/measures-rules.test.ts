/**
 * The rules of the measures kind, checked where an officer meets them: the line
 * and YAML path of each diagnostic, in `ita-report validate`'s output too.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPath, type Diagnostic } from '../../src/diagnostics.js';
import { checkDocument, deriveDocument } from '../../src/pipeline.js';
import { ROOT, runCli, yamlFile } from '../helpers.js';

const FIX = join(ROOT, 'test', 'fixtures', 'measures');
const EXAMPLE = join(ROOT, 'examples', 'lampang-pao', 'measures-2567.yaml');

/** 1-based line of the first line of `file` containing `needle` (after `after`, when given). */
function lineOf(file: string, needle: string, after?: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  const i = lines.findIndex((l, k) => k >= start && l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in ${file}`);
  return i + 1;
}

const brief = (d: Diagnostic) => ({ severity: d.severity, code: d.code, line: d.line, path: formatPath(d.path) });

describe('the example', () => {
  it('is valid with no warning at all', async () => {
    const { diagnostics } = await deriveDocument(EXAMPLE);
    expect(diagnostics.map(brief)).toEqual([]);
  });
});

describe('question ids', () => {
  const file = join(FIX, 'invalid', 'question-ids.yaml');

  it('reports a number without its tool prefix (the seed\'s "ข้อ ๒๗") at its line, naming the fix', async () => {
    const { diagnostics } = await checkDocument(file);
    const d = diagnostics.find((x) => x.code === 'measures/question-prefix' && x.line === lineOf(file, 'id: 27,'));
    expect(d).toBeDefined();
    expect(formatPath(d!.path)).toBe('analysis.issues[0].groups[0].questions[1].id');
    expect(d!.hint!.en).toContain('write i27');
    expect(d!.hint!.th).toContain('i27');
    const thai = diagnostics.find((x) => x.line === lineOf(file, 'ข้อ ๑๒'))!;
    expect(thai.code).toBe('measures/question-prefix');
    expect(thai.hint!.en).toContain('write e12');
  });

  it('reports ids of another tool, beyond the tool, or malformed, and accepts upper case', async () => {
    const { diagnostics } = await checkDocument(file);
    const at = (needle: string) => diagnostics.filter((d) => d.line === lineOf(file, needle)).map((d) => d.code);
    expect(at('id: e5,')).toEqual(['measures/question-tool']);
    expect(at('id: i31,')).toEqual(['measures/question-range']);
    expect(at('id: x3,')).toEqual(['measures/question-id']);
    expect(at('id: E11,')).toEqual([]);
  });

  it('shows in `validate` as file:line:col with the hint, in both languages', () => {
    const en = runCli(['--lang', 'en', 'validate', file]);
    expect(en.status).toBe(1);
    const line = lineOf(file, 'id: 27,');
    const first = en.stderr.split('\n').find((l) => l.includes(`question-ids.yaml:${line}:`));
    expect(first).toMatch(/:\d+:\d+: error: question "27" has no tool prefix \(at analysis\.issues\[0\]\.groups\[0\]\.questions\[1\]\.id\)/);
    expect(en.stderr).toContain('fix: it is in the IIT group: write i27');
    const th = runCli(['validate', file]);
    expect(th.stderr).toContain(`question-ids.yaml:${line}:`);
    expect(th.stderr).toContain('ให้เขียน i27');
  });
});

describe('placeholders', () => {
  const file = join(FIX, 'invalid', 'unknown-placeholder.yaml');

  it('reports an unknown placeholder at its own line inside a block of text, with a suggestion', async () => {
    const { diagnostics } = await deriveDocument(file);
    const d = diagnostics.find((x) => x.message.en.includes('{{indicator.6.scor}}'))!;
    expect(d.code).toBe('prose/unknown-placeholder');
    expect(d.line).toBe(lineOf(file, '{{indicator.6.scor}}'));
    expect(formatPath(d.path)).toBe('analysis.introduction');
    expect(d.hint!.en).toContain('{{indicator.6.score}}');
  });

  it('reports one in a list item at that item', async () => {
    const { diagnostics } = await deriveDocument(file);
    const d = diagnostics.find((x) => x.message.en.includes('{{comittee}}'))!;
    expect(d.line).toBe(lineOf(file, '{{comittee}}'));
    expect(formatPath(d.path)).toBe('measures.topics[0].measures[0].steps[1]');
  });

  it('offers every figure of the document', async () => {
    const text = readFileSync(join(FIX, 'valid', 'history-arabic.yaml'), 'utf8').replace(
      'limitations:\n  items: [บุคลากรมีจำนวนจำกัด]',
      'limitations:\n  items:\n    - "{{authority}} {{fiscal_year}} {{assessment_year}} {{score}} {{level}} {{iit}} {{eit}} {{oit}} {{pass_mark}} {{issues}} {{measures}} {{issue.2.title}} {{question.i24.score}} {{indicator.10.name}} {{indicator.1.score}}"',
    );
    const { diagnostics, derived } = await deriveDocument(yamlFile(text));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const items = (derived!.model as { limitations: { items: string[] } }).limitations.items;
    expect(items[0]).toBe('เทศบาลตำบลตัวอย่าง 2568 2567 91.57 ผ่าน 93.97 82.18 96.80 85 2 2 การใช้ทรัพย์สินของราชการ 71.25 การป้องกันการทุจริต 96.00');
  });
});

describe('scores and indicators', () => {
  const file = join(FIX, 'invalid', 'indicator-scores.yaml');

  it('reports more than two decimals at the value', async () => {
    const { diagnostics } = await checkDocument(file);
    const d = diagnostics.filter((x) => x.code === 'measures/score-decimals');
    expect(d.map((x) => x.line)).toEqual([lineOf(file, '99.085'), lineOf(file, '97.771')]);
  });

  it('reports an indicator listed twice, and the missing one by number and name', async () => {
    const { diagnostics } = await checkDocument(file);
    const dup = diagnostics.find((x) => x.code === 'measures/duplicate-indicator')!;
    expect(dup.line).toBe(lineOf(file, 'no: 7, score: 85.96'));
    expect(dup.message.en).toContain(`first on line ${lineOf(file, 'no: 7, score: 84.29')}`);
    const missing = diagnostics.find((x) => x.code === 'measures/missing-indicator')!;
    expect(missing.line).toBe(lineOf(file, 'indicators:'));
    expect(missing.message.th).toContain('8 การปรับปรุงการทำงาน');
  });

  it('leaves a score above 100 to the schema', async () => {
    const file100 = join(FIX, 'invalid', 'score-above-100.yaml');
    const { diagnostics } = await checkDocument(file100);
    expect(diagnostics.map(brief)).toEqual([{ severity: 'error', code: 'schema/maximum', line: lineOf(file100, '100.5'), path: 'analysis.indicators[8].score' }]);
  });

  it('reports a question scored differently in two issues, and a history entry for the assessment year', async () => {
    const f = join(FIX, 'invalid', 'question-score-and-history.yaml');
    const { diagnostics } = await checkDocument(f);
    const differs = diagnostics.find((x) => x.code === 'measures/question-score-differs')!;
    expect(differs.line).toBe(lineOf(f, 'score: 95.75'));
    expect(differs.message.en).toBe(`i27 scores 95.75 here but 95.57 on line ${lineOf(f, 'id: i27, score: 95.57')}`);
    expect(diagnostics.find((x) => x.code === 'measures/history-year')!.line).toBe(lineOf(f, 'year: 2566'));
  });
});

describe('measures, dates and the approval', () => {
  it('reports a repeated measure, a missing monitoring, a topic for a missing issue and bad dates', async () => {
    const f = join(FIX, 'invalid', 'measure-rules.yaml');
    const { diagnostics } = await checkDocument(f);
    const codes = diagnostics.map(brief);
    expect(codes).toContainEqual({ severity: 'error', code: 'measures/duplicate-measure', line: lineOf(f, 'อบรม   ประมวลจริยธรรม'), path: 'measures.topics[0].measures[1].title' });
    expect(codes).toContainEqual({ severity: 'error', code: 'date/buddhist-year', line: lineOf(f, '2567-01-01'), path: 'measures.topics[0].measures[2].period.from' });
    expect(diagnostics.find((d) => d.code === 'date/buddhist-year')!.hint!.en).toContain('write 2024-01-01');
    expect(codes).toContainEqual({ severity: 'error', code: 'measures/period-order', line: lineOf(f, 'to: 2024-02-01'), path: 'measures.topics[0].measures[3].period.to' });
  });

  it('checks periods written as months, and warns about one outside the fiscal year', async () => {
    const base = readFileSync(join(FIX, 'valid', 'history-arabic.yaml'), 'utf8');
    const text = base.replace('period: { from: 2024-11-01, to: 2025-03-31 }', 'period: { from: 2568-01, to: 2024-13 }').replace('period: second_half', 'period: { from: 2025-06, to: 2025-10 }');
    const f = yamlFile(text);
    const { diagnostics } = await checkDocument(f);
    expect(diagnostics.map(brief)).toEqual([
      { severity: 'error', code: 'date/buddhist-year', line: lineOf(f, 'from: 2568-01'), path: 'measures.topics[0].measures[0].period.from' },
      { severity: 'error', code: 'date/invalid', line: lineOf(f, 'from: 2568-01'), path: 'measures.topics[0].measures[0].period.to' },
      { severity: 'warning', code: 'date/outside-fiscal-year', line: lineOf(f, 'to: 2025-10'), path: 'measures.topics[1].measures[0].period.to' },
    ]);
    expect(diagnostics[0]!.hint!.en).toContain('write 2025-01');
  });

  it('refuses an assessment year without known rules', async () => {
    const f = join(FIX, 'invalid', 'assessment-year-unknown.yaml');
    const { diagnostics } = await checkDocument(f);
    expect(diagnostics.map(brief)).toEqual([{ severity: 'error', code: 'measures/unknown-year', line: lineOf(f, 'assessment_year: 2558'), path: 'analysis.assessment_year' }]);
  });

  it('warns, without failing, about the slips of seed 003', async () => {
    const f = join(FIX, 'valid', 'seed-mistakes.yaml');
    const { diagnostics, derived } = await deriveDocument(f);
    expect(derived).toBeDefined();
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    const found = diagnostics.map((d) => [d.code, d.line]);
    expect(found).toContainEqual(['measures/announced-differs', lineOf(f, 'score: 95.2')]);
    expect(found).toContainEqual(['prose/unknown-figure', lineOf(f, 'อยู่ที่ ๘๖.๔๗')]);
    expect(found).toContainEqual(['prose/typed-figure', lineOf(f, 'ได้ 88.28')]);
    expect(found).toContainEqual(['prose/other-authority', lineOf(f, 'ตำบลวัดจันทร์มี')]);
    expect(found).toContainEqual(['date/outside-fiscal-year', lineOf(f, 'date: 2024-10-15')]);
    expect(diagnostics).toHaveLength(5);
    const typed = diagnostics.find((d) => d.code === 'prose/typed-figure')!;
    expect(typed.hint!.en).toContain('{{indicator.6.score}}');
    // The announced figure is printed, and the level follows it.
    const model = derived!.model as { analysis: { overall: string; level: string } };
    expect(model.analysis.overall).toBe('๙๕.๒๐');
    expect(model.analysis.level).toBe('ผ่านดี');
  });

  it('does not take generic mentions of other kinds of authority for another authority', async () => {
    const text = readFileSync(join(FIX, 'valid', 'history-arabic.yaml'), 'utf8').replace(
      'limitations:\n  items: [บุคลากรมีจำนวนจำกัด]',
      'limitations:\n  items:\n    - ประชาชนติดต่อน้อยกว่าเทศบาลหรือองค์การบริหารส่วนตำบล และองค์การบริหารส่วนจังหวัดอื่น ๆ\n    - ร่วมมือกับองค์การบริหารส่วนจังหวัดและเทศบาลตำบลตัวอย่าง',
    );
    const { diagnostics } = await deriveDocument(yamlFile(text));
    expect(diagnostics.filter((d) => d.code === 'prose/other-authority')).toEqual([]);
  });

  it('does not take times or dotted dates for typed scores', async () => {
    const text = readFileSync(join(FIX, 'valid', 'history-arabic.yaml'), 'utf8').replace(
      'limitations:\n  items: [บุคลากรมีจำนวนจำกัด]',
      'limitations:\n  items:\n    - ประชุมเวลา 10.30 น. วันที่ 1.10.66 และ ๑๓.๓๐ น. คะแนนเต็ม 100 คะแนน',
    );
    const { diagnostics } = await deriveDocument(yamlFile(text));
    expect(diagnostics.filter((d) => d.code.startsWith('prose/'))).toEqual([]);
  });
});
