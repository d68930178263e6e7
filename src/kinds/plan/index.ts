/**
 * The multi-year anti-corruption action plan (แผนปฏิบัติการป้องกันการทุจริต).
 * A project's budget is written once, per fiscal year; the Part 2 matrix (with
 * subtotals, counts and the grand total) and the Part 3 budget sentences are both
 * computed from it (derive.ts, matrix.ts), so they cannot disagree. Documents that
 * follow the plan read it through planOutline (outline.ts).
 */
import { bi } from '../../diagnostics.js';
import type { DocumentKind } from '../kind.js';
import { derive } from './derive.js';
import type { PlanInput } from './input.js';
import { rules } from './rules.js';

export const planKind: DocumentKind<PlanInput> = {
  name: 'plan',
  title: bi('แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส', 'multi-year anti-corruption action plan'),
  noun: bi('แผนปฏิบัติการ', 'plan'),
  schema: 'plan.schema.json',
  rules,
  derive,
};
