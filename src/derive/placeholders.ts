/**
 * Prose that quotes a figure references it: `{{projects}}`, `{{dimension.1.total}}`.
 * The values come from the derive step, so the preface can never disagree with the
 * tables (the seed plan's preface counted 36 projects where it detailed 37).
 */
import { bi, type Bilingual, type Diagnostic, type YamlPath } from '../diagnostics.js';
import type { LoadedYaml } from '../load/yaml.js';
import { nearest } from '../validate/suggest.js';

/**
 * A name's text, or why it has none: a field the document may fill but did not
 * (`{{district}}` of an authority written without `district:`), said at the placeholder.
 */
export type PlaceholderValue = string | { missing: Bilingual; hint: Bilingual };
export type PlaceholderValues = ReadonlyMap<string, PlaceholderValue>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Replaces every `{{name}}` in `text`; unknown names are reported at their own line and column. */
export function interpolate(text: string, values: PlaceholderValues, doc: LoadedYaml, path: YamlPath, report: (d: Diagnostic) => void): string {
  return text.replace(PLACEHOLDER, (whole, rawName: string) => {
    const name = rawName.trim();
    const value = values.get(name);
    if (typeof value === 'string') return value;
    if (value !== undefined) {
      report({ severity: 'error', code: 'prose/missing-value', file: doc.file, path, ...doc.locateText(path, whole), message: value.missing, hint: value.hint });
      return whole;
    }
    const known = [...values.keys()];
    const guess = nearest(name, known);
    report({
      severity: 'error',
      code: 'prose/unknown-placeholder',
      file: doc.file,
      path,
      ...doc.locateText(path, whole),
      message: bi(`ไม่รู้จักค่าอ้างอิง {{${name}}}`, `unknown placeholder {{${name}}}`),
      hint: guess
        ? bi(`หมายถึง {{${guess}}} หรือไม่?`, `did you mean {{${guess}}}?`)
        : bi(`ค่าที่อ้างถึงได้: ${summarize(known)}`, `available: ${summarize(known)}`),
    });
    return whole;
  });
}

/** The text with every placeholder blanked (spaces of its length, so columns still match): what was typed by hand. */
export function blankPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, (whole) => ' '.repeat(whole.length));
}

/** The text with the placeholders whose value is known filled in, the others left as written (no document to report at). */
export function fillKnown(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, rawName: string) => {
    const value = values.get(rawName.trim());
    return typeof value === 'string' ? value : whole;
  });
}

function summarize(names: string[]): string {
  const shown = names.filter((n) => !/\.\d+\./.test(n) || /\.1\./.test(n));
  return shown.map((n) => `{{${n}}}`).join(', ');
}

/** Applies `interpolate` to a text or to each item of a list of texts. */
export function interpolateField<T extends string | string[] | undefined>(
  value: T,
  values: PlaceholderValues,
  doc: LoadedYaml,
  path: YamlPath,
  report: (d: Diagnostic) => void,
): T {
  if (value === undefined) return value;
  if (Array.isArray(value)) return value.map((item, i) => interpolate(item, values, doc, [...path, i], report)) as T;
  return interpolate(value, values, doc, path, report) as T;
}
