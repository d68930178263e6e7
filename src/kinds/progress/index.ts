/**
 * The plan's progress reports (รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ ๖ เดือน,
 * รายงานผลการดำเนินการป้องกันการทุจริตประจำปี): the officer names the plan, the fiscal year
 * and the round, and writes for each project of that year only what happened. The rest
 * comes from the plan (rules.ts reads and checks it) or is computed (derive.ts).
 */
import { bi } from '../../diagnostics.js';
import type { DocumentKind } from '../kind.js';
import { derive } from './derive.js';
import type { ProgressInput } from './input.js';
import { rules, type CheckedReport } from './rules.js';

export const progressKind: DocumentKind<ProgressInput, CheckedReport | undefined> = {
  name: 'progress',
  title: bi('รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต (รอบ ๖ เดือน และประจำปี)', "progress report of the anti-corruption plan (six-month and yearly)"),
  noun: bi('รายงานผลการดำเนินการตามแผน', 'progress report'),
  schema: 'progress.schema.json',
  rules,
  derive,
};
