/**
 * `ita-report fields KIND`: the fields of a kind as people read them, from the schemas; and
 * the same reference in docs/fields/, which must be what the schemas say today.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldsMarkdown, fieldsOf, fieldsText } from '../../src/cli/fields.js';
import { schemaKinds } from '../../src/validate/bundle.js';
import { ROOT, runCli } from '../helpers.js';

const schemaOf = (kind: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', `${kind}.schema.json`), 'utf8')) as { properties: Record<string, { title?: string }>; required: string[] };

describe('ita-report fields', () => {
  it.each(schemaKinds())('%s: every top-level field, with its title, and whether it must be there', (kind) => {
    const schema = schemaOf(kind);
    const top = fieldsOf(kind).filter((f) => f.depth === 0);
    expect(top.map((f) => f.key)).toEqual(Object.keys(schema.properties));
    // Required at the top, or (authority: name, unless it extends another file) by a condition.
    for (const f of top) if (schema.required.includes(f.key)) expect(f.required, f.key).toBe(true);
    expect(top.find((f) => f.key === 'kind')!.required).toBe(true);
    expect(top.filter((f) => !f.required).length).toBeGreaterThan(0);
  });

  it('prints an indented tree the shape of the YAML, in Thai or English', () => {
    const th = fieldsText('plan', 'th').split('\n');
    expect(th).toContain('period: ช่วงปีของแผน · กลุ่มฟิลด์ · ต้องมี · เช่น {from: 2566, to: 2570}');
    expect(th).toContain('  from: ปี พ.ศ. · จำนวนเต็ม · ต้องมี · เช่น 2568');
    expect(th.some((l) => /^ {4}- โครงการ\/กิจกรรม\/มาตรการ|^ {14}- โครงการ\/กิจกรรม\/มาตรการ · กลุ่มฟิลด์$/.test(l))).toBe(true);
    expect(th).toContain('        level: ระดับความเสี่ยง · ต่ำ | ปานกลาง | สูง | สูงมาก · ต้องมี · เช่น ปานกลาง');
    const en = runCli(['--lang', 'en', 'fields', 'plan']);
    expect(en.status).toBe(0);
    expect(en.stdout).toContain('period: ช่วงปีของแผน · fields · required · e.g. {from: 2566, to: 2570}');
    const bad = runCli(['fields', 'plna']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('หมายถึง plan หรือไม่?');
  });

  it.each(schemaKinds())('docs/fields/%s.md is up to date with the schemas (npm run docs)', (kind) => {
    expect(readFileSync(join(ROOT, 'docs', 'fields', `${kind}.md`), 'utf8'), `run: npm run docs`).toBe(fieldsMarkdown(kind));
  });
});
