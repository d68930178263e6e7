/**
 * Thai digits and Thai-written dates, read the way the schema means them, through the real
 * pipeline: accepted where a number, a date or a month is expected, with positions still at
 * the text as typed; refused with the exact ISO text to type where the reading is not sure.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveDocument } from '../../src/pipeline.js';
import { formatPath, type Diagnostic } from '../../src/diagnostics.js';
import { ROOT, yamlFile } from '../helpers.js';

const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');
const inline = (starter: string) => readFileSync(join(ROOT, 'starters', starter), 'utf8').replace(/^authority: authority\.yaml$/m, 'authority:\n  name: เทศบาลตำบลบ้านใหม่');
const RESULTS = inline('results.yaml');
/** approval.date takes a full date only. */
const MEASURES = inline('measures.yaml');

const errors = (list: Diagnostic[]) => list.filter((d) => d.severity === 'error');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('Thai digits', () => {
  it('are numbers in amounts and years, and the totals come out the same', async () => {
    const thai = MINIMAL.replace('  from: 2566', '  from: ๒๕๖๖').replace('2566: 20000', '2566: "๒๐๐๐๐"').replace('2567: 20000.50', '2567: ๒๐๐๐๐.๕๐');
    const [a, b] = [await deriveDocument(yamlFile(MINIMAL)), await deriveDocument(yamlFile(thai))];
    expect(errors(b.diagnostics)).toEqual([]);
    expect(b.derived?.meta).toEqual(a.derived?.meta);
    expect(JSON.stringify(b.derived)).toBe(JSON.stringify(a.derived));
  });

  it('are years in budget keys (๒๕๖๖:), and a problem with such a key is reported at it', async () => {
    const thai = MINIMAL.replace('2566: 20000', '๒๕๖๖: 20000');
    const [a, b] = [await deriveDocument(yamlFile(MINIMAL)), await deriveDocument(yamlFile(thai))];
    expect(errors(b.diagnostics)).toEqual([]);
    expect(JSON.stringify(b.derived)).toBe(JSON.stringify(a.derived));
    const outside = MINIMAL.replace('2566: 20000', '๒๕๗๐: 20000');
    const d = errors((await deriveDocument(yamlFile(outside))).diagnostics);
    expect(d.map((x) => x.line)).toEqual([lineOf(outside, '๒๕๗๐: 20000')]);
  });

  it('keep the precise message for a comma in an amount, at the value as typed, with the text to write', async () => {
    const text = MINIMAL.replace('2566: 20000', '2566: ๒๐,๐๐๐');
    const { diagnostics } = await deriveDocument(yamlFile(text));
    const d = errors(diagnostics);
    expect(d.map((x) => [x.code, x.line])).toEqual([['amount/thousands-separator', lineOf(text, '๒๐,๐๐๐')]]);
    expect(d[0]!.message.th).toContain('"๒๐,๐๐๐"');
    expect(d[0]!.hint!.th).toContain('เขียน 20000');
  });

  it('in an integer field take Thai digits too (fiscal_year: ๒๕๖๙)', async () => {
    const text = RESULTS.replace('fiscal_year: 2569', 'fiscal_year: ๒๕๖๙');
    const { diagnostics } = await deriveDocument(yamlFile(text));
    expect(errors(diagnostics)).toEqual([]);
  });
});

describe('dates written the Thai way', () => {
  it.each([
    ['1 ก.ย. 2565', '2022-09-01'],
    ['๑๕ กันยายน ๒๕๖๕', '2022-09-15'],
    ['ก.ย. 65', '2022-09'],
    ['๒๐๒๒-๐๙-๑๕', '2022-09-15'],
  ])('are accepted where a date or a month is expected: %s is %s', async (typed, iso) => {
    const { diagnostics, derived } = await deriveDocument(yamlFile(MINIMAL.replace('issued: 2022-09-15', `issued: ${typed}`)));
    const expected = await deriveDocument(yamlFile(MINIMAL.replace('issued: 2022-09-15', `issued: ${iso}`)));
    expect(errors(diagnostics)).toEqual([]);
    expect(JSON.stringify(derived)).toBe(JSON.stringify(expected.derived));
  });

  it('where only a full date will do, a month gets the exact ISO date to type, and the English says Christian era', async () => {
    const text = MEASURES.replace(/^( {2}date:) 2025-10-15$/m, '$1 ต.ค. 68');
    const { diagnostics } = await deriveDocument(yamlFile(text));
    const d = errors(diagnostics);
    expect(d.map((x) => [x.code, formatPath(x.path), x.line])).toEqual([['schema/pattern', 'approval.date', lineOf(text, 'date: ต.ค. 68')]]);
    expect(d[0]!.hint!.th).toContain('2025-10-01');
    expect(d[0]!.hint!.en).toContain('2025-10-01');
    expect(d[0]!.hint!.en).toContain('Christian-era');
  });

  it('a numeric date whose day and month could be swapped is not guessed: the hint names the reading', async () => {
    const text = MEASURES.replace(/^( {2}date:) 2025-10-15$/m, '$1 1/10/2568');
    const d = errors((await deriveDocument(yamlFile(text))).diagnostics);
    expect(d.map((x) => x.code)).toEqual(['schema/pattern']);
    expect(d[0]!.hint!.th).toBe('ถ้าหมายถึง 1 ตุลาคม 2568 ให้เขียน 2025-10-01 (ปี ค.ศ. แบบ ปปปป-ดด-วว)');
    // Day 15 cannot be a month: read for sure.
    expect(errors((await deriveDocument(yamlFile(MEASURES.replace(/^( {2}date:) 2025-10-15$/m, '$1 15/10/2568')))).diagnostics)).toEqual([]);
  });

  it('something that is no date at all gets the form to write, in both languages', async () => {
    const text = MINIMAL.replace('issued: 2022-09-15', 'issued: กันยา');
    const d = errors((await deriveDocument(yamlFile(text))).diagnostics);
    expect(d.map((x) => x.code)).toEqual(['schema/pattern']);
    expect(d[0]!.hint!.en).toMatch(/Christian-era date YYYY-MM-DD or month YYYY-MM/);
    expect(d[0]!.hint!.th).toContain('ปี ค.ศ.');
  });
});
