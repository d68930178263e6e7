/**
 * A progress report checked against its plan (the invalid fixtures declare where each
 * rule reports; here, what the messages say and how the plan becomes an input).
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPath, type Diagnostic } from '../../src/diagnostics.js';
import { checkDocument, deriveDocument } from '../../src/pipeline.js';
import { ROOT, tempDir } from '../helpers.js';

const DIR = join(ROOT, 'test', 'fixtures', 'progress');
const PLAN = join(DIR, 'plan-2566-2568.yaml');
const YEARLY = join(DIR, 'valid', 'yearly-2567.yaml');
const brief = (d: Diagnostic) => ({ severity: d.severity, code: d.code, line: d.line, path: formatPath(d.path) });
const lineOf = (file: string, needle: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

/** A report and its plan in a fresh folder, the plan edited by `editPlan`. */
function copy(report: string, editPlan: (text: string) => string = (t) => t, editReport: (text: string) => string = (t) => t): string {
  const dir = tempDir('progress-rules-');
  writeFileSync(join(dir, 'plan-2566-2568.yaml'), editPlan(readFileSync(PLAN, 'utf8')));
  writeFileSync(join(dir, 'report.yaml'), editReport(readFileSync(report, 'utf8').replace('../plan-2566-2568.yaml', 'plan-2566-2568.yaml')));
  return join(dir, 'report.yaml');
}

describe('names of the plan', () => {
  it('suggests the nearest name of the plan for one that is not there', async () => {
    const { diagnostics } = await checkDocument(join(DIR, 'invalid', 'names.yaml'));
    const unknown = diagnostics.find((d) => d.code === 'progress/unknown-project')!;
    expect(unknown.message.th).toBe('ไม่มีโครงการ "โครงการอบรมคุณธรรมจริยะธรรม" ในแผน ../plan-2566-2568.yaml');
    expect(unknown.hint!.th).toBe('หมายถึง "โครงการอบรมคุณธรรมจริยธรรม" หรือไม่? (คัดลอกชื่อจากแผนให้ตรงกัน)');
  });

  it('lists every project of the year that is missing in one message at the projects line, with its plan line', async () => {
    const file = join(DIR, 'invalid', 'names.yaml');
    const { diagnostics } = await checkDocument(file);
    const missing = diagnostics.filter((d) => d.code === 'progress/missing-projects');
    expect(missing.map(brief)).toEqual([{ severity: 'error', code: 'progress/missing-projects', line: lineOf(file, 'projects:'), path: 'projects' }]);
    expect(missing[0]!.message.en).toBe(
      `3 project(s) of 2567 in ../plan-2566-2568.yaml are not reported: no. 1 โครงการอบรมคุณธรรมจริยธรรม (line ${lineOf(PLAN, 'name: โครงการอบรมคุณธรรมจริยธรรม')}); ` +
        `no. 4 โครงการส่งเสริมเศรษฐกิจพอเพียง (line ${lineOf(PLAN, 'name: โครงการส่งเสริมเศรษฐกิจพอเพียง')}); ` +
        `no. 5 กิจกรรมประกาศเจตจำนงต่อต้านการทุจริตของผู้บริหาร (line ${lineOf(PLAN, 'name: กิจกรรมประกาศเจตจำนง')})`,
    );
    expect(missing[0]!.hint!.th).toContain('- project: โครงการอบรมคุณธรรมจริยธรรม');
  });

  it('matches names whatever their spaces and line breaks', async () => {
    const file = copy(YEARLY, (t) => t, (t) => t.replace('  - project: โครงการส่งเสริมเศรษฐกิจพอเพียง', '  - project: >-\n      โครงการส่งเสริม  \n      เศรษฐกิจพอเพียง'));
    // The folded name reads "โครงการส่งเสริม เศรษฐกิจพอเพียง", as copied from a PDF whose line wrapped.
    expect((await checkDocument(file)).diagnostics).toEqual([]);
    const spaced = copy(YEARLY, (t) => t, (t) => t.replace('  - project: โครงการส่งเสริมเศรษฐกิจพอเพียง', '  - project: "  โครงการส่งเสริมเศรษฐกิจพอเพียง  "'));
    expect((await checkDocument(spaced)).diagnostics).toEqual([]);
  });

  it('refuses a name the plan gives to two projects, naming both lines', async () => {
    const file = copy(YEARLY, (t) => t.replace('name: กิจกรรมเผยแพร่ข้อมูลการจัดซื้อจัดจ้าง', 'name: กิจกรรมประกาศเจตจำนงต่อต้านการทุจริตของผู้บริหาร'), (t) => t.replace(/ {2}- project: กิจกรรมเผยแพร่ข้อมูลการจัดซื้อจัดจ้าง\n {4}status: not_started\n/, ''));
    const { diagnostics } = await checkDocument(file);
    const ambiguous = diagnostics.filter((d) => d.code === 'progress/ambiguous-project');
    expect(ambiguous).toHaveLength(1);
    expect(ambiguous[0]!.message.en).toMatch(/^the plan has 2 projects of this name \(lines \d+, \d+ of plan-2566-2568\.yaml\)/);
  });
});

describe('money', () => {
  it('accepts spending over the plan with a reason, and says by how much otherwise', async () => {
    expect((await checkDocument(YEARLY)).diagnostics).toEqual([]);
    const file = copy(YEARLY, (t) => t, (t) => t.replace(/ {4}over_budget_reason: .*\n/, ''));
    const { diagnostics } = await checkDocument(file);
    expect(diagnostics.map(brief)).toEqual([{ severity: 'error', code: 'progress/over-budget', line: lineOf(file, 'spent: 24500'), path: 'projects[0].spent' }]);
    expect(diagnostics[0]!.message.th).toBe('ใช้จ่าย 24,500.00 บาท เกินงบประมาณตามแผนปี 2567 (20,000.00 บาท)');
    expect(diagnostics[0]!.hint!.en).toContain('over_budget_reason:');
  });

  it('warns when a finished project with a budget reports no spending', async () => {
    const file = copy(YEARLY, (t) => t, (t) => t.replace('    status: อยู่ระหว่างดำเนินการ\n    spent: 75000.25\n', '    status: done\n'));
    const { diagnostics } = await checkDocument(file);
    const statusLine = lineOf(file, 'project: โครงการส่งเสริมเศรษฐกิจพอเพียง') + 1;
    expect(diagnostics.map(brief)).toEqual([{ severity: 'warning', code: 'progress/no-spending', line: statusLine, path: 'projects[2].status' }]);
    expect(diagnostics[0]!.message.en).toBe('the project is done and had 150,000.50 baht planned, but no spending is reported');
  });
});

describe('the plan as an input', () => {
  it('records the plan and its authority file as dependencies of the report', async () => {
    const dir = tempDir('progress-deps-');
    writeFileSync(join(dir, 'authority.yaml'), 'kind: authority\nname: เทศบาลตำบลตัวอย่าง\nprovince: ลำปาง\n');
    writeFileSync(join(dir, 'plan-2566-2568.yaml'), readFileSync(PLAN, 'utf8').replace(/^authority:\n(  .*\n)+/m, 'authority: authority.yaml\n'));
    copyFileSync(YEARLY, join(dir, 'report.yaml'));
    writeFileSync(join(dir, 'report.yaml'), readFileSync(YEARLY, 'utf8').replace('../plan-2566-2568.yaml', 'plan-2566-2568.yaml'));
    const checked = await checkDocument(join(dir, 'report.yaml'));
    expect(checked.diagnostics).toEqual([]);
    expect(checked.doc!.dependencies).toEqual(expect.arrayContaining([join(dir, 'plan-2566-2568.yaml'), join(dir, 'authority.yaml')]));
    // Without a head in the authority file, the signature has a blank name and a generic title.
    const derived = await deriveDocument(join(dir, 'report.yaml'));
    expect((derived.derived!.model as { authority: { name: string } }).authority.name).toBe('เทศบาลตำบลตัวอย่าง');
  });

  it('asks to fix a plan that has errors first, at the plan line', async () => {
    const file = copy(YEARLY, (t) => t.replace('  from: 2566', '  from: 1566'));
    const { diagnostics } = await checkDocument(file);
    expect(diagnostics.map(brief)).toEqual([{ severity: 'error', code: 'link/invalid', line: lineOf(file, 'plan:'), path: 'plan' }]);
    expect(diagnostics[0]!.hint!.en).toBe('fix it first: ita-report validate plan-2566-2568.yaml');
  });

  it('refuses a file that is not a plan', async () => {
    const file = copy(YEARLY, (t) => t, (t) => t.replace('plan: plan-2566-2568.yaml', 'plan: report.yaml'));
    expect((await checkDocument(file)).diagnostics.map((d) => d.code)).toEqual(['link/self']);
    const dir = tempDir('progress-kind-');
    copyFileSync(join(ROOT, 'test/fixtures/results/valid/default-layout.yaml'), join(dir, 'results.yaml'));
    writeFileSync(join(dir, 'report.yaml'), readFileSync(YEARLY, 'utf8').replace('../plan-2566-2568.yaml', 'results.yaml'));
    expect((await checkDocument(join(dir, 'report.yaml'))).diagnostics.map((d) => d.code)).toEqual(['link/kind']);
  });
});

describe('the shared pieces: periods, dates in text, placeholders', () => {
  const SIX_MONTH = join(DIR, 'valid', 'six-month-2567-arabic.yaml');
  const periodOf = (period: string) => copy(SIX_MONTH, (t) => t, (t) => t.replace('    period: q2\n', `    period: ${period}\n`));

  it('reads a part of the year in its Thai spelling, and words as no dates at all', async () => {
    // Both used to fail: "ไตรมาส 2" was said to run past the six-month round, and { text } was an internal error.
    for (const period of ['ไตรมาส 2', 'ครึ่งปีแรก', '{ text: ทุกเดือน }', '{ text: "ตลอด{{round}}" }']) {
      expect((await checkDocument(periodOf(period))).diagnostics, period).toEqual([]);
    }
    const late = periodOf('ไตรมาส 3');
    const { diagnostics } = await checkDocument(late);
    expect(diagnostics.map(brief)).toEqual([{ severity: 'warning', code: 'progress/outside-round', line: lineOf(late, 'period: ไตรมาส 3'), path: 'projects[0].period' }]);
    expect(diagnostics[0]!.message.en).toBe('period ไตรมาส 3 (q3) runs past the six-month round 2567 (2023-10-01 – 2024-03-31)');
  });

  it('checks {{date …}} in free text against the fiscal year, as every kind does', async () => {
    const file = copy(SIX_MONTH, (t) => t, (t) => t.replace('outputs: ขออนุมัติโครงการแล้ว', 'outputs: ขออนุมัติโครงการเมื่อ {{date 2024-10-05}} และ {{date 2022-09-15 ref}}'));
    const { diagnostics } = await checkDocument(file);
    expect(diagnostics.map(brief)).toEqual([{ severity: 'warning', code: 'date/outside-fiscal-year', line: lineOf(file, '{{date 2024-10-05}}'), path: 'projects[0].outputs' }]);
    const printed = await deriveDocument(copy(SIX_MONTH, (t) => t, (t) => t.replace('outputs: ขออนุมัติโครงการแล้ว', 'outputs: ขออนุมัติโครงการเมื่อ {{date 2024-01-05}}')));
    expect(JSON.stringify(printed.derived!.model)).toContain('ขออนุมัติโครงการเมื่อ 5 ม.ค. 2567');
  });

  it("quotes every field of the plan's authority, and names the one it was written without", async () => {
    const file = copy(SIX_MONTH, (t) => t, (t) => t.replace('{{authority}} รายงานความก้าวหน้า', '{{authority_type}} {{head_title}} {{district}} รายงานความก้าวหน้า'));
    const { diagnostics } = await deriveDocument(file);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['prose/missing-value', lineOf(file, '{{district}}')],
      ['prose/missing-value', lineOf(file, '{{district}}')],
    ]);
    expect(diagnostics.map((d) => d.message.en)).toEqual(['{{authority_type}}: the authority has no type', '{{district}}: the authority has no district']);
  });
});
