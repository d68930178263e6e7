/**
 * A value of the wrong type is reported at its own field: when a field received the lines
 * indented below it (`from:` then `  to: 2568`), the message is at `from:` and says so, and
 * does not send the officer to the neighbour's line or text.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveDocument } from '../../src/pipeline.js';
import { formatPath } from '../../src/diagnostics.js';
import { ROOT, yamlFile } from '../helpers.js';

const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('wrong type', () => {
  it('of a field that swallowed the indented line below it is reported at the field, without the neighbour\'s text', async () => {
    const text = MINIMAL.replace('                target_group: บุคลากร 40 คน\n', '                target_group:\n                  method: จัดอบรม\n');
    const d = (await deriveDocument(yamlFile(text))).diagnostics.filter((x) => x.code === 'schema/type');
    expect(d.map((x) => [formatPath(x.path), x.line, x.column])).toEqual([['dimensions[0].missions[0].sub_missions[0].projects[0].target_group', lineOf(text, 'target_group:'), 17]]);
    expect(d[0]!.message.th).toContain('บรรทัดที่ย่อหน้าอยู่ใต้ target_group:');
    expect(`${d[0]!.message.th} ${d[0]!.hint!.th}`).not.toContain('จัดอบรม');
    expect(d[0]!.message.en).toContain('the lines indented below "target_group:"');
  });

  it('written on the field\'s own line is reported with the value found', async () => {
    const text = MINIMAL.replace('  from: 2566', '  from: [2566]');
    const d = (await deriveDocument(yamlFile(text))).diagnostics.filter((x) => x.code === 'schema/type');
    expect(d.map((x) => [x.line, x.message.en])).toEqual([[lineOf(text, 'from: [2566]'), 'must be integer, found […]']]);
  });

  it('of a yes/no field names the two answers', async () => {
    const text = MINIMAL.replace('kind: plan\n', 'kind: plan\ncover:\n  logo: ใช่\n');
    const d = (await deriveDocument(yamlFile(text))).diagnostics.filter((x) => x.code === 'schema/type');
    expect(d.map((x) => [x.line, x.message.en])).toEqual([[lineOf(text, 'logo: ใช่'), 'must be true or false, found "ใช่"']]);
    expect(d[0]!.message.th).toContain('true/false');
    expect(d[0]!.hint!.en).toBe('write true or false');
  });

  it("of a field that uses a shared definition gives the field's own description as the hint", async () => {
    const text = readFileSync(join(ROOT, 'test/fixtures/results/valid/groups-own-order.yaml'), 'utf8').replace('  continued_label: true\n', '  continued_label: true\n  repeat_names: ใช่\n');
    const d = (await deriveDocument(yamlFile(text, 'results.yaml'))).diagnostics.filter((x) => x.code === 'schema/type');
    expect(d.map((x) => [x.line, x.message.en])).toEqual([[lineOf(text, 'repeat_names: ใช่'), 'must be true or false, found "ใช่"']]);
    // results.schema.json's words for its repeat_names, not the shared definition's in common.schema.json.
    expect(d[0]!.hint!.th).toContain('ช่องของคอลัมน์มาตรการพิมพ์ชื่อมาตรการซ้ำ');
    expect(d[0]!.message.th).toContain('พิมพ์ชื่อซ้ำบนหน้าต่อ');
  });
});
