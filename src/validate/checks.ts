/**
 * The checks the schemas name beyond JSON Schema itself (`format: uri`, the
 * `x-amount` keyword). Plain functions without ajv: the schema code compiled at
 * build time (dist/validate/compiled-schemas.js) imports them, so validating
 * loads no compiler.
 */
import { parseAmount, type AmountProblem } from '../thai/money.js';

/** `format: uri`: a web address (http or https), the only kind a document may name. */
export function isWebUri(s: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
}

export const FORMATS = { uri: isWebUri };

/** `x-amount`: what is wrong with an amount of money, or undefined when it is a good one. */
export function amountProblem(data: unknown): AmountProblem | undefined {
  const parsed = parseAmount(data);
  return parsed.ok ? undefined : parsed.problem;
}
