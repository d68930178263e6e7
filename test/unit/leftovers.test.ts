/** Starter text left in a document: what counts as a leftover, and where it is reported. */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument } from '../../src/pipeline.js';
import { formatPath } from '../../src/diagnostics.js';
import { ROOT, tempDir, yamlFile } from '../helpers.js';

const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const starterWarnings = async (file: string, root?: string) =>
  (await checkDocument(file, { root })).diagnostics.filter((d) => d.code.startsWith('starter/')).map((d) => ({ code: d.code, file: d.file, line: d.line, path: formatPath(d.path), severity: d.severity }));

describe('leftover starter text', () => {
  it('is a value, a list item or a line of a text wholly in brackets, each at its own line', async () => {
    const text = MINIMAL
      .replace('target_group: บุคลากร 40 คน', 'target_group: (กลุ่มเป้าหมาย เช่น บุคลากร 40 คน)')
      .replace('- เพื่อป้องกันการทุจริต', '- (วัตถุประสงค์ข้อที่ ๒)')
      .replace('  งบประมาณรวม {{total}} บาท ({{total_text}})', '  งบประมาณรวม {{total}} บาท ({{total_text}})\n\n  (เขียนคำนำต่อที่นี่)');
    const file = yamlFile(text);
    expect(await starterWarnings(file)).toEqual([
      { code: 'starter/leftover', file, line: lineOf(text, '(เขียนคำนำต่อที่นี่)'), path: 'preface', severity: 'warning' },
      { code: 'starter/leftover', file, line: lineOf(text, '(วัตถุประสงค์ข้อที่ ๒)'), path: 'dimensions[0].missions[0].sub_missions[0].projects[0].objectives[1]', severity: 'warning' },
      { code: 'starter/leftover', file, line: lineOf(text, '(กลุ่มเป้าหมาย'), path: 'dimensions[0].missions[0].sub_missions[0].projects[0].target_group', severity: 'warning' },
    ]);
  });

  it('is not looked for under a misspelt key, which is an error of its own', async () => {
    const text = MINIMAL.replace('target_group: บุคลากร 40 คน', 'target_group: บุคลากร 40 คน\n                target_grop: (กลุ่มเป้าหมาย)');
    const file = yamlFile(text);
    expect(await starterWarnings(file)).toEqual([]);
    const unknown = (await checkDocument(file)).diagnostics.filter((d) => d.severity === 'error');
    expect(unknown.map((d) => [d.line, d.hint?.en])).toEqual([[lineOf(text, 'target_grop:'), expect.stringContaining('target_group')]]);
  });

  it('is not text that merely has brackets in it', async () => {
    const text = MINIMAL.replace('target_group: บุคลากร 40 คน', 'target_group: "(ก) ผู้บริหาร และ (ข) บุคลากร"').replace('outcomes: บุคลากรมีความรู้ด้านคุณธรรม', 'outcomes: บุคลากรมีความรู้ (ร้อยละ 80)');
    expect(await starterWarnings(yamlFile(text))).toEqual([]);
  });

  it("is the starter's example name where init wrote it, in the authority file the document uses", async () => {
    const dir = tempDir('leftover-');
    const authority = readFileSync(join(ROOT, 'starters/authority.yaml'), 'utf8');
    writeFileSync(join(dir, 'authority.yaml'), authority);
    mkdirSync(join(dir, '2569'));
    const doc = join(dir, '2569', 'plan.yaml');
    writeFileSync(doc, MINIMAL.replace(/^authority:\n(  .*\n)+/m, 'authority: ../authority.yaml\n'));
    // The authority file is one folder up: inside the root when that is `dir` (load/files.ts).
    const found = (await starterWarnings(doc, dir)).sort((a, b) => a.line - b.line);
    expect(found.map((d) => [d.code, d.line, d.path])).toEqual([
      ['starter/example', lineOf(authority, 'name: เทศบาลตำบลตัวอย่าง'), 'name'],
      ['starter/example', lineOf(authority, 'short_name: ทต.ตัวอย่าง'), 'short_name'],
      ['starter/leftover', lineOf(authority, '(ชื่อ-นามสกุล นายก)'), 'head.name'],
      ['starter/example', lineOf(authority, 'title: นายกเทศมนตรีตำบลตัวอย่าง'), 'head.title'],
    ]);
    expect(found.every((d) => d.file === join(dir, 'authority.yaml'))).toBe(true);
    // The same name typed in a document of one's own is a choice, not a leftover.
    expect(await starterWarnings(yamlFile(MINIMAL.replace('องค์การบริหารส่วนตำบลตัวอย่าง', 'เทศบาลตำบลตัวอย่าง')))).toEqual([]);
  });
});

describe('bracketed values that are real', () => {
  const RESULTS = readFileSync(join(ROOT, 'examples/na-di-ngam/results-2568.yaml'), 'utf8');

  it('are the values of fields printed as written ("x-verbatim" in the schema): labels, column titles, group numbers', async () => {
    const text = RESULTS
      .replace('continued_label: true', 'continued_label: (ต่อจากหน้าก่อน)')
      .replace(/^(\s+)- \{ indicator: (\d+), number: ๑,/m, '$1- { indicator: $2, number: (๑),');
    expect(text).toContain('continued_label: (ต่อจากหน้าก่อน)');
    expect(text).toContain('number: (๑)');
    const file = join(tempDir('leftover-verbatim-'), 'results.yaml');
    writeFileSync(file, text);
    writeFileSync(join(file, '..', 'authority.yaml'), readFileSync(join(ROOT, 'examples/na-di-ngam/authority.yaml'), 'utf8'));
    expect(await starterWarnings(file)).toEqual([]);
    // The same words where the schema says nothing of the kind are still starter text.
    writeFileSync(file, text.replace('    outputs:\n', '    outputs:\n      - (ต่อจากหน้าก่อน)\n'));
    const found = await starterWarnings(file);
    expect(found.map((d) => d.code)).toEqual(['starter/leftover']);
  });

  it('include the shared labels of every kind (responsible labels in common.schema.json)', async () => {
    const text = RESULTS.replace(/responsible_labels: \{ main: "[^"]*", support: "[^"]*"/, 'responsible_labels: { main: "(หลัก)", support: "(สนับสนุน)"');
    expect(text).toContain('main: "(หลัก)"');
    const file = join(tempDir('leftover-verbatim-'), 'results.yaml');
    writeFileSync(file, text);
    writeFileSync(join(file, '..', 'authority.yaml'), readFileSync(join(ROOT, 'examples/na-di-ngam/authority.yaml'), 'utf8'));
    expect((await checkDocument(file)).diagnostics).toEqual([]);
  });
});
