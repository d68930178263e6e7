/**
 * The words a kind's table prints after what goes on from the previous page (`continued_label`
 * of schemas/common.schema.json): the printer (src/print/continued.ts) appends them to the
 * headings, group titles and names it repeats on a continued page.
 */
const CONTINUED_WORDS = '(ต่อ)';

/**
 * The label for `continued_label`: true for "(ต่อ)", false for none (''), a text as written;
 * unset, what the kind does by default (`byDefault`).
 */
export function continuedLabel(value: boolean | string | undefined, byDefault: boolean): string {
  const chosen = value ?? byDefault;
  return chosen === true ? CONTINUED_WORDS : chosen === false ? '' : chosen;
}
