/**
 * The report of the results of the integrity measures (รายงานผลการดำเนินการตามมาตรการ
 * ส่งเสริมคุณธรรมและความโปร่งใส): one landscape table, one row per measure.
 *
 * Authorities print this table in different layouts (seeds 000 and 001), so the
 * columns are data: `layout.columns` says which typed fields go in which column, in
 * which order, under which heading; `layout.group_by` and `groups:` gather rows under
 * an assessment issue, an ITA indicator or a group of the authority's own, numbered and
 * labelled its way. Every field stays typed: lists are lists, periods are parts of the
 * fiscal year, months, dates or words, budgets are amounts, links are URLs.
 *
 * Read one concern at a time: input.ts (what is written), layout.ts (the layout model),
 * rules.ts and link.ts (the checks), derive.ts (what is printed).
 */
import { bi } from '../../diagnostics.js';
import type { DocumentKind } from '../kind.js';
import { derive } from './derive.js';
import type { ResultsInput } from './input.js';
import { rules } from './rules.js';

export const resultsKind: DocumentKind<ResultsInput> = {
  name: 'results',
  title: bi('รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส', 'report of the results of the integrity measures'),
  noun: bi('รายงานผลการดำเนินการ', 'results report'),
  schema: 'results.schema.json',
  rules,
  derive,
};
