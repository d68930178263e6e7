/**
 * The results kind: layouts, periods, dates in prose, and the rules an officer meets,
 * each at its line and YAML path.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPath, type Diagnostic } from '../../src/diagnostics.js';
import { formatPeriod, periodFormat, type PeriodInput } from '../../src/derive/period.js';
import { urlParts } from '../../src/derive/links.js';
import { columnWidths } from '../../src/kinds/results/layout.js';
import { checkDocument, deriveDocument } from '../../src/pipeline.js';
import { ROOT, runCli, yamlFile } from '../helpers.js';

const FIX = join(ROOT, 'test', 'fixtures', 'results');
const LAMPANG = join(ROOT, 'examples', 'lampang-city', 'results-2565.yaml');
const LOPBURI = join(ROOT, 'examples', 'lopburi-city', 'results-2568.yaml');

const brief = (d: Diagnostic) => ({ severity: d.severity, code: d.code, line: d.line, path: formatPath(d.path) });

function lineOf(file: string, needle: string): number {
  const i = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in ${file}`);
  return i + 1;
}

interface Model {
  columns: { title: string; width: string }[];
  groupMode: string;
  split: boolean;
  continued: string;
  tables: { title?: string; rows: { type: string; title?: string; group: string; cells: { cls: string; blocks: { type: string; value?: string; items?: { marker: string; text: string; sub: boolean }[] }[]; repeat?: { value: string }[] }[] }[] }[];
}
async function model(file: string): Promise<Model> {
  const d = await deriveDocument(file);
  expect(d.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  return d.derived!.model as Model;
}

const periodText = (p: PeriodInput, fy: number, digits: 'thai' | 'arabic') => formatPeriod(p, fy, digits);

describe('periods', () => {
  it('prints the fiscal-year shorthands as month spans in the fiscal year', () => {
    expect(periodText('whole_year', 2565, 'thai')).toBe('ต.ค. ๖๔ – ก.ย. ๖๕');
    expect(periodText('whole_year', 2568, 'arabic')).toBe('ต.ค. 67 – ก.ย. 68');
    expect(periodText('first_half', 2568, 'arabic')).toBe('ต.ค. 67 – มี.ค. 68');
    expect(periodText('second_half', 2568, 'arabic')).toBe('เม.ย. 68 – ก.ย. 68');
    expect(periodText('q1', 2568, 'arabic')).toBe('ต.ค. 67 – ธ.ค. 67');
    expect(periodText('q4', 2568, 'thai')).toBe('ก.ค. ๖๘ – ก.ย. ๖๘');
  });

  it('prints months and dates of the YAML (Christian era) in the Buddhist era', () => {
    expect(periodText({ from: '2024-12', to: '2025-09' }, 2568, 'arabic')).toBe('ธ.ค. 67 – ก.ย. 68');
    expect(periodText({ from: '2025-01-06', to: '2025-06-30' }, 2568, 'thai')).toBe('๖ ม.ค. ๖๘ – ๓๐ มิ.ย. ๖๘');
    expect(periodText({ from: '2025-03', to: '2025-03' }, 2568, 'arabic')).toBe('มี.ค. 68');
  });
});

describe('layout helpers', () => {
  it('keeps given widths and shares the rest by the kind of field', () => {
    const w = columnWidths([{ field: 'measure', width: 20 }, { field: 'steps' }, { field: 'period' }]);
    expect(w[0]).toBe(20);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(100);
    expect(w[1]!).toBeGreaterThan(w[2]!);
    // All given: scaled to 100.
    expect(columnWidths([{ field: 'measure', width: 30 }, { field: 'steps', width: 30 }])).toEqual([50, 50]);
  });

  it('cuts a URL after its separators so it can wrap cleanly', () => {
    expect(urlParts('http://www.lampangcity.go.th/mains/contact-us')).toEqual(['http:/', '/', 'www.', 'lampangcity.', 'go.', 'th/', 'mains/', 'contact-', 'us']);
    expect(urlParts('https://a.th/x?y=1&z=2').join('')).toBe('https://a.th/x?y=1&z=2');
  });
});

describe('the examples', () => {
  it('seed 000 (เทศบาลนครลำปาง) is valid without any warning', async () => {
    const { diagnostics } = await deriveDocument(LAMPANG);
    expect(diagnostics.map(brief)).toEqual([]);
  });

  it('seed 001 (เทศบาลเมืองลพบุรี) warns once: the meeting of 2 ต.ค. 68 lies outside FY 2568', async () => {
    const { diagnostics } = await deriveDocument(LOPBURI);
    expect(diagnostics.map(brief)).toEqual([
      { severity: 'warning', code: 'date/outside-fiscal-year', line: lineOf(LOPBURI, 'ครั้งที่ 2 เมื่อวันที่ {{date 2025-10-02}}'), path: 'items[6].outputs[2]' },
    ]);
    const d = diagnostics[0]!;
    expect(d.column).toBe(readFileSync(LOPBURI, 'utf8').split('\n')[d.line - 1]!.indexOf('{{date 2025-10-02}}') + 1);
    // After the year: the fix is the next year's report (never for a date before the year).
    expect(d.hint!.en).toContain('the report of fiscal year 2569');
  });

  it('seed 000 prints its six columns, numbered measures and the whole fiscal year', async () => {
    const m = await model(LAMPANG);
    expect(m.columns.map((c) => c.title)).toEqual(['มาตรการ', 'วิธีการดำเนินการ', 'ผู้รับผิดชอบ', 'ระยะเวลา', 'ผลการดำเนินการ', 'ข้อเสนอแนะ']);
    expect(m.groupMode).toBe('none');
    const rows = m.tables.flatMap((t) => t.rows);
    expect(rows).toHaveLength(7);
    expect(rows[0]!.cells[0]!.blocks[0]!.value).toBe('๑. การกำหนดขั้นตอนและระยะเวลาในการให้บริการ');
    expect(rows[6]!.cells[0]!.blocks[0]!.value).toBe('๗. การจัดซื้อจัดจ้างและการจัดหาพัสดุ');
    expect(rows.every((r) => r.cells[3]!.blocks[0]!.value === 'ต.ค. ๖๔ – ก.ย. ๖๕')).toBe(true);
    // Sub-items of a step are numbered under it; outputs' sub-items are bulleted as the YAML asks.
    const steps = rows[2]!.cells[1]!.blocks[0]!.items!;
    expect(steps.map((s) => s.marker)).toEqual(['๑.', '๒.', '๓.', '๓.๑', '๓.๒', '๓.๓', '๓.๔', '๓.๕', '๔.', '๔.๑', '๔.๒', '๕.']);
    expect(rows[2]!.cells[4]!.blocks[0]!.items!.filter((i) => i.sub).every((i) => i.marker === '-')).toBe(true);
    // Dates in prose come out in the Buddhist era and Thai digits.
    expect(JSON.stringify(rows[5])).toContain('๑ ตุลาคม ๒๕๖๔ ถึง ๓๑ มีนาคม ๒๕๖๕');
  });

  it('seed 001 groups rows by issue in the issue column, with the budget under each title', async () => {
    const m = await model(LOPBURI);
    expect(m.groupMode).toBe('column');
    expect(m.continued).toBe('(ต่อ)');
    const rows = m.tables.flatMap((t) => t.rows);
    expect(rows).toHaveLength(7);
    // The two rows of one issue: the name once, the cell open between them.
    const [a, b] = rows.filter((r) => r.group === 'กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง');
    expect(a!.cells[0]!.blocks[0]!.value).toBe('กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง');
    expect(a!.cells[0]!.cls).toContain('gopen-bottom');
    expect(b!.cells[0]!.blocks).toEqual([]);
    expect(b!.cells[0]!.cls).toContain('gopen-top');
    for (const r of rows) expect(r.cells[1]!.blocks.map((x) => x.value)).toContain('(ไม่ใช้งบประมาณ)');
    expect(rows[5]!.cells[3]!.blocks[0]!.value).toBe('ธ.ค. 67 – ก.ย. 68');
    expect(JSON.stringify(rows[6])).toContain('2 ต.ค. 2568');
  });
});

describe('groups in the authority\'s order, numbers and labels', () => {
  it('prints the groups of groups: in their order with their numbers and labels, rows numbered in print order', async () => {
    const m = await model(join(FIX, 'valid', 'groups-own-order.yaml'));
    expect(m.groupMode).toBe('row');
    expect(m.tables.map((t) => t.title)).toEqual([
      'กลุ่มที่ ๑ ด้านการป้องกันการทุจริตในองค์กร (ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต)',
      'กลุ่มที่ ๒ ด้านการเปิดเผยข้อมูลต่อสาธารณะ (ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล)',
      'กลุ่มที่ ๓ คุณภาพการดำเนินงาน (ตัวชี้วัดที่ ๖ คุณภาพการดำเนินงาน)',
    ]);
    const numbers = m.tables.flatMap((t) => t.rows.map((r) => r.cells[0]!.blocks[0]!.value));
    expect(numbers).toEqual(['๑', '๒', '๓', '๔', '๕', '๖']);
    // The measure's name is what its cell repeats on a continued page.
    expect(m.tables[0]!.rows[0]!.cells[1]!.repeat).toEqual([expect.objectContaining({ value: 'ประกาศเจตจำนงสุจริตของผู้บริหาร' })]);
  });

  it('puts title rows inside one table when the header is not repeated per group', async () => {
    const m = await model(join(FIX, 'valid', 'group-rows-one-table.yaml'));
    expect(m.tables).toHaveLength(1);
    const rows = m.tables[0]!.rows;
    expect(rows.filter((r) => r.type === 'group').map((r) => r.title)).toEqual(['ด้านที่ 1 การบริหารงานบุคคลอย่างเป็นธรรม (2 รายการ)', 'ด้านที่ 2 การใช้จ่ายงบประมาณอย่างคุ้มค่า (2 รายการ)']);
    expect(rows.map((r) => r.type)).toEqual(['group', 'item', 'item', 'group', 'item', 'item']);
    expect(m.continued).toBe('(ต่อจากหน้าก่อน)');
  });

  it('makes one table per group around a group column when asked', async () => {
    const m = await model(join(FIX, 'valid', 'group-column-per-group.yaml'));
    expect(m.groupMode).toBe('column');
    expect(m.tables.map((t) => t.rows.length)).toEqual([2, 2]);
    expect(m.tables.every((t) => t.title === undefined)).toBe(true);
  });

  it('turns the printer\'s page cutting off when there is neither a label nor a name to repeat', async () => {
    const file = yamlFile('kind: results\nauthority: { name: เทศบาลตำบลตัวอย่าง }\nfiscal_year: 2568\nlayout:\n  columns: [{ field: measure }, { field: outputs }]\n  repeat_names: false\nitems:\n  - { measure: มาตรการหนึ่ง, outputs: ทำแล้ว }\n');
    const m = await model(file);
    expect(m.split).toBe(false);
    expect((await model(join(FIX, 'valid', 'narrow-columns.yaml'))).split).toBe(false);
    expect((await model(LAMPANG)).split).toBe(true);
  });
});

describe('rules', () => {
  it('refuses layouts that cannot print what was meant, at the column', async () => {
    const file = join(FIX, 'invalid', 'layout-rules.yaml');
    const { diagnostics } = await checkDocument(file);
    const dup = diagnostics.find((d) => d.code === 'results/duplicate-field')!;
    expect(dup.message.en).toBe('field steps is already shown in column 2');
    expect(diagnostics.find((d) => d.code === 'results/field-not-shown')!.hint!.en).toContain('{ field: responsible }');
    expect(diagnostics.find((d) => d.code === 'results/group-missing')!.line).toBe(lineOf(file, '- measure: ประกาศเจตจำนงสุจริต'));
  });

  it('suggests the nearest value for a typo in a layout or a period', async () => {
    const file = join(FIX, 'invalid', 'schema-errors.yaml');
    const { diagnostics } = await checkDocument(file);
    const hint = (path: string) => diagnostics.find((d) => formatPath(d.path) === path)!.hint!.en;
    expect(hint('layout.columns[1].field[1]')).toContain('did you mean "links"?');
    expect(hint('layout.group_by')).toContain('did you mean "issue"?');
    expect(hint('items[0].period')).toContain('did you mean "whole_year"?');
  });

  it('warns about the seeds\' mistakes', async () => {
    const file = join(FIX, 'invalid', 'seed-mistakes.yaml');
    const { diagnostics } = await checkDocument(file);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(diagnostics.find((d) => d.code === 'results/budget-in-title')!.hint!.en).toContain('budget: none');
    expect(diagnostics.find((d) => d.code === 'results/duplicate-measure')!.message.en).toContain(`line ${lineOf(file, 'measure: การบริหารงบประมาณ')}`);
  });

  it('checks dates typed in prose at their own column, in validate too', () => {
    const file = join(FIX, 'invalid', 'dates.yaml');
    const run = runCli(['validate', '--lang', 'en', file]);
    expect(run.status).toBe(1);
    const line = lineOf(file, '{{date 2025-10-02}}');
    const column = readFileSync(file, 'utf8').split('\n')[line - 1]!.indexOf('{{date 2025-10-02}}') + 1;
    expect(run.stderr).toContain(`dates.yaml:${line}:${column}: warning: {{date 2025-10-02}} (2025-10-02) is after the end of the reported fiscal year 2568`);
    expect(run.stderr).toMatch(/dates\.yaml:\d+:\d+: error: 2025-02-30 is not a calendar date/);
  });

  it('does not warn about a date quoted from an earlier decision (ref), only about the results\' own dates', async () => {
    const { diagnostics } = await checkDocument(join(FIX, 'invalid', 'dates.yaml'));
    const early = diagnostics.filter((d) => formatPath(d.path).startsWith('items[3]'));
    expect(early.map(brief)).toEqual([{ severity: 'warning', code: 'date/outside-fiscal-year', line: lineOf(join(FIX, 'invalid', 'dates.yaml'), '{{date 2024-09-20}}'), path: 'items[3].outputs[1]' }]);
    // Before the year: no suggestion to report it next year.
    expect(early[0]!.hint!.en).toContain('{{date 2024-09-20 ref}}');
    expect(early[0]!.hint!.en).not.toMatch(/next year|2569/);
    expect((await checkDocument(join(FIX, 'valid', 'title-cover-headings.yaml'))).diagnostics).toEqual([]);
  });

  it('prints a row without a field as "-" and says so once per row', async () => {
    const file = yamlFile('kind: results\nauthority: { name: เทศบาลตำบลตัวอย่าง }\nfiscal_year: 2568\nitems:\n  - measure: มาตรการหนึ่ง\n');
    const d = await deriveDocument(file);
    expect(d.diagnostics.map(brief)).toEqual([{ severity: 'warning', code: 'results/empty-cell', line: 5, path: 'items[0].measure' }]);
    expect(JSON.stringify(d.derived!.model)).toContain('"value":"-"');
  });
});
