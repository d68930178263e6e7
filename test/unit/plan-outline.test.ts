/**
 * planOutline: the plan's projects as a linked document (the progress reports) sees
 * them, numbered and budgeted exactly as the plan's own PDF prints them.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkDocument, deriveDocument } from '../../src/pipeline.js';
import { planOutline, type PlanInput } from '../../src/kinds/plan/outline.js';
import { ROOT } from '../helpers.js';

const EXAMPLE = join(ROOT, 'examples', 'lampang-pao', 'plan-2566-2570.yaml');
const SEVEN_YEARS = join(ROOT, 'test', 'fixtures', 'plan', 'valid', 'arabic-digits-seven-years.yaml');

async function outlineOf(file: string) {
  const checked = await checkDocument(file);
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return planOutline(checked.doc!.data as PlanInput);
}

describe('planOutline', () => {
  it('numbers missions, sub-missions and projects as the Part 2 matrix does, in plan order', async () => {
    const outline = await outlineOf(EXAMPLE);
    expect(outline.projects).toHaveLength(37);
    expect(outline.years).toEqual([2566, 2567, 2568, 2569, 2570]);
    expect(outline.dimensions).toHaveLength(4);
    // The matrix prints each project as "N) name" under its (sub-)mission: the same N and numbers here.
    const derived = await deriveDocument(EXAMPLE);
    const rows = (derived.derived!.model as { rows: { type: string; label: string }[] }).rows;
    const printed = rows.filter((r) => r.type === 'project').map((r) => r.label);
    const thai = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
    expect(outline.projects.map((p) => `${thai(String(p.number))}) ${p.name}`)).toEqual(printed);
    const headings = rows.filter((r) => r.type === 'mission' || r.type === 'sub').map((r) => r.label.split(' ')[0]);
    for (const p of outline.projects) {
      expect(headings).toContain(thai(p.mission.number));
      if (p.subMission) expect(headings).toContain(thai(p.subMission.number));
    }
    const second = outline.projects[1]!;
    expect(second).toMatchObject({ sequence: 2, dimension: 0, number: 1, mission: { number: '1.1' }, subMission: { number: '1.1.3' } });
    expect(second.subMission!.name).toContain('เสริมสร้างวินัยสำนึก');
  });

  it('gives budgets in satang and the years each project runs in: its budgeted years, or all of them without a budget', async () => {
    const outline = await outlineOf(SEVEN_YEARS);
    const [training, publishing] = outline.projects;
    expect([...training!.budget.entries()]).toEqual([[2566, 2000000], [2567, 2000050], [2572, 150000000]]);
    expect(training!.years).toEqual([2566, 2567, 2572]);
    expect(publishing!.budget.size).toBe(0);
    expect(publishing!.years).toEqual([2566, 2567, 2568, 2569, 2570, 2571, 2572]);
    expect(outline.title).toBe('แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส');
  });
});
