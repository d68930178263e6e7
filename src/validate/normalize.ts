/**
 * Between loading and schema validation: what officers type the Thai way, read the way
 * the schema means it. Guided by the kind's schema, a field typed number or integer (amounts,
 * years, scores) takes Thai digits (`๕๐๐๐๐`, `๒๕๖๙`), and a field whose pattern is an ISO
 * date or month takes a date written in Thai (`1 ต.ค. 2567`, `๑ ตุลาคม ๒๕๖๗`, `ต.ค. 67`).
 * Only the data changes: positions still come from the YAML nodes, so every later message
 * points at the text as it was typed. What cannot be read for sure (a month where a day
 * is needed, `1/10/2567` whose day and month could be swapped) is left for the schema to
 * refuse, with a hint that gives the exact ISO text to type.
 */
import { bi, formatPath, type Bilingual, type Diagnostic, type YamlPath } from '../diagnostics.js';
import { isoOf, readThaiDate, thaiReadingOf, toArabicDigits } from '../thai/index.js';
import { applicable, childSchemas, isObject, itemSchemas, type Schema } from './schema-walk.js';

/** Hints for values left as typed, by YAML path (formatPath). */
export type DateHints = Map<string, Bilingual>;

const THAI_DIGIT = /[\u0E50-\u0E59]/;
const PLAIN_NUMBER = /^\d+(\.\d+)?$/;
/** A pattern that asks for an ISO date or month (`^\d{4}-\d{2}(-\d{2})?$` and the like). */
export const ISO_DATE_PATTERN = /\\d\{4\}-\\d\{2\}/;

function types(schema: Schema): string[] {
  const t = schema.type;
  return Array.isArray(t) ? t.map(String) : typeof t === 'string' ? [t] : [];
}

interface Walk {
  root: Schema;
  hints: DateHints;
}

/** The value to keep in the data for a string the schemas describe: converted, or as typed (with a hint noted). */
function normalizeString(value: string, schemas: Schema[], path: YamlPath, walk: Walk): unknown {
  const wantsNumber = schemas.some((s) => types(s).some((t) => t === 'number' || t === 'integer'));
  if (wantsNumber && THAI_DIGIT.test(value)) {
    const arabic = toArabicDigits(value.trim());
    // "๕๐,๐๐๐" stays as typed: the amount check explains the comma better than a number could.
    if (PLAIN_NUMBER.test(arabic)) return Number(arabic);
  }
  const patterns = schemas.map((s) => s.pattern).filter((p): p is string => typeof p === 'string' && ISO_DATE_PATTERN.test(p));
  if (patterns.length === 0) return value;
  const accepts = (text: string) => patterns.every((p) => new RegExp(p, 'u').test(text));
  // `๒๐๒๔-๑๐-๐๑`: ISO in Thai digits.
  const arabic = toArabicDigits(value);
  if (arabic !== value && accepts(arabic)) return arabic;
  const reading = readThaiDate(value);
  if (!reading) return value;
  const iso = isoOf(reading);
  if (accepts(iso) && !reading.guessed) return iso;
  // Left as typed: the schema refuses it, and the hint names the exact text to write.
  const day = reading.day === undefined ? { ...reading, day: 1 } : reading;
  const exact = isoOf(day);
  walk.hints.set(formatPath(path), reading.day === undefined
    ? bi(`ช่องนี้ต้องระบุวันด้วย เขียนเป็นปี ค.ศ. แบบ ปปปป-ดด-วว เช่น ${exact} (${thaiReadingOf(day)})`, `this field needs a day too: write a Christian-era date YYYY-MM-DD, e.g. ${exact} for ${thaiReadingOf(day)}`)
    : bi(`ถ้าหมายถึง ${thaiReadingOf(reading)} ให้เขียน ${iso} (ปี ค.ศ. แบบ ปปปป-ดด-วว)`, `if you mean ${thaiReadingOf(reading)} (day ${reading.day}, month ${reading.month}), write ${iso} (Christian-era YYYY-MM-DD)`));
  return value;
}

/**
 * Keys that are data (budget years: the schema names them by `propertyNames`) in Thai
 * digits, `๒๕๖๖:`, become `2566:`; the loader finds the key as typed for positions.
 * A key that would collide with one already there is left for the schema to refuse.
 */
function renameThaiDigitKeys(value: Record<string, unknown>, schemas: Schema[]): Record<string, unknown> {
  const keys = Object.keys(value);
  if (!schemas.some((s) => isObject(s.propertyNames)) || !keys.some((k) => THAI_DIGIT.test(k))) return value;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const arabic = toArabicDigits(key);
    out[/^\d+$/.test(arabic) && !(arabic in value) ? arabic : key] = value[key];
  }
  return out;
}

function visit(value: unknown, schemas: Schema[], path: YamlPath, walk: Walk): unknown {
  const all = schemas.flatMap((s) => applicable(walk.root, s));
  if (all.length === 0) return value;
  if (typeof value === 'string') return normalizeString(value, all, path, walk);
  if (Array.isArray(value)) {
    const items = itemSchemas(all);
    for (let i = 0; i < value.length; i++) value[i] = visit(value[i], items, [...path, i], walk);
  } else if (isObject(value)) {
    const renamed = renameThaiDigitKeys(value, all);
    for (const key of Object.keys(renamed)) renamed[key] = visit(renamed[key], childSchemas(all, key), [...path, key], walk);
    return renamed;
  }
  return value;
}

/**
 * Rewrites, in place, the values of `data` written the Thai way that the schema `root`
 * (a bundle, src/validate/bundle.ts) types as numbers or ISO dates; returns the hints for
 * dates that could not be read for sure.
 */
export function normalizeThai(data: unknown, root: Schema): DateHints {
  const walk: Walk = { root, hints: new Map() };
  visit(data, [root], [], walk);
  return walk.hints;
}

/** Gives the schema's refusal of a date left as typed the hint that names the exact ISO text. */
export function withDateHints(diagnostics: Diagnostic[], hints: DateHints): Diagnostic[] {
  if (hints.size === 0) return diagnostics;
  return diagnostics.map((d) => {
    const hint = d.code === 'schema/pattern' ? hints.get(formatPath(d.path)) : undefined;
    return hint ? { ...d, hint } : d;
  });
}
