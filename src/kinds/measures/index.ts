/**
 * The ITA analysis and integrity measures document (มาตรการส่งเสริมคุณธรรมและความโปร่งใส):
 * part 1 analyses last year's assessment, part 2 sets this fiscal year's measures,
 * part 3 lists limitations and suggestions, then the approval.
 *
 * Officers type the ten indicator scores and the question scores; the tools' scores,
 * the overall score and the level are computed by the rules of the assessment year
 * (ita-levels.ts), so none of them can be mistyped. Prose refers to figures through
 * placeholders ({{indicator.6.score}}), and prose that types a score or another
 * authority's name by hand is flagged.
 *
 * Read one concern at a time: input.ts (what is written), scores.ts (the computed
 * scores), rules.ts and prose-checks.ts (the checks), derive.ts (what is printed).
 */
import { bi } from '../../diagnostics.js';
import type { DocumentKind } from '../kind.js';
import { derive } from './derive.js';
import type { MeasuresInput } from './input.js';
import { rules } from './rules.js';

export const measuresKind: DocumentKind<MeasuresInput> = {
  name: 'measures',
  title: bi('มาตรการส่งเสริมคุณธรรมและความโปร่งใส (พร้อมการวิเคราะห์ผลการประเมิน ITA)', 'integrity measures with the analysis of the ITA results'),
  noun: bi('เอกสารมาตรการ', 'measures document'),
  schema: 'measures.schema.json',
  rules,
  derive,
};
