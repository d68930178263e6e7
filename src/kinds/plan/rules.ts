/**
 * The plan's rules beyond its schema: a period of at most MAX_PLAN_YEARS years in order,
 * an issue date or month that exists in the Christian era (the shared checks of
 * src/validate/dates.ts), budget years inside the period, at least one project, and
 * warnings for a name used twice (compared as progress reports match names: nameKey) and a project with neither outputs nor outcomes.
 */
import { bi } from '../../diagnostics.js';
import { checkIsoMonthOrDate } from '../../validate/dates.js';
import type { KindContext } from '../kind.js';
import { MAX_PLAN_YEARS, nameKey, placedProjects, type PlanInput } from './input.js';

export function rules(input: PlanInput, ctx: KindContext): void {
  const { from, to } = input.period;
  if (to < from) {
    ctx.problem('error', 'plan/period-order', ['period', 'to'], bi(`ปีสุดท้ายของแผน (${to}) มาก่อนปีแรก (${from})`, `the plan's last year (${to}) is before its first (${from})`), bi('สลับค่า from และ to', 'swap from and to'));
  } else if (to - from + 1 > MAX_PLAN_YEARS) {
    ctx.problem('error', 'plan/period-length', ['period', 'to'], bi(`แผนยาว ${to - from + 1} ปี เกิน ${MAX_PLAN_YEARS} ปี`, `the plan spans ${to - from + 1} years, more than ${MAX_PLAN_YEARS}`), bi('ตรวจปี พ.ศ. ของ from และ to', 'check the from and to years'));
  }

  checkIsoMonthOrDate(ctx, ['issued'], input.issued, 'start');

  const projects = placedProjects(input);
  const names = new Map<string, (string | number)[]>();
  for (const { input: p, path } of projects) {
    for (const year of Object.keys(p.budget ?? {})) {
      const y = Number(year);
      if (y < from || y > to) {
        ctx.problem('error', 'plan/budget-year', [...path, 'budget', year], bi(`ปีงบประมาณ ${year} อยู่นอกช่วงของแผน (${from}–${to})`, `budget year ${year} is outside the plan period (${from}–${to})`), bi(`ใช้ปีระหว่าง ${from} ถึง ${to}`, `use a year from ${from} to ${to}`), { key: true });
      }
    }
    const key = nameKey(p.name);
    const first = names.get(key);
    if (first) {
      const line = ctx.doc.locate([...first, 'name']).line;
      ctx.problem('warning', 'plan/duplicate-project', [...path, 'name'], bi(`ชื่อโครงการซ้ำกับโครงการที่บรรทัด ${line}`, `the project name repeats the one on line ${line}`), bi('ตรวจว่าคัดลอกมาโดยไม่ได้แก้ชื่อหรือไม่ (ชื่อที่ต่างกันเพียงการเว้นวรรคนับเป็นชื่อเดียวกัน รายงานผลตามแผนจึงแยกไม่ได้)', 'check whether it was copied without changing the name (names that differ only in spaces count as one: a progress report could not tell them apart)'));
    } else names.set(key, path);
    if (p.outputs === undefined && p.outcomes === undefined) {
      ctx.problem('warning', 'plan/no-results', path, bi('โครงการไม่มีผลผลิตหรือผลลัพธ์', 'the project has neither outputs nor outcomes'), bi('เพิ่ม outputs: หรือ outcomes:', 'add outputs: or outcomes:'));
    }
  }
  if (projects.length === 0) {
    ctx.problem('error', 'plan/no-projects', ['dimensions'], bi('แผนไม่มีโครงการเลย', 'the plan has no projects'), bi('เพิ่ม projects: ใต้ภารกิจย่อย', 'add projects: under a sub-mission'));
  }
}
