/**
 * Walking a value and its schema together: which schemas of a bundle (src/validate/bundle.ts)
 * apply to a value, and to the values under its keys and items. Used by the steps that read
 * the data the way the schema means it before ajv sees it: Thai digits and dates
 * (normalize.ts), and starter text that a field's schema says is printed as written
 * (leftovers.ts).
 */
import { resolveLocalRef, type JsonObject } from './bundle.js';

export type Schema = JsonObject;

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Every schema that applies to a value at once: the node, its $ref, and its branches (followed through both sides of if/then/else). */
export function applicable(root: Schema, schema: Schema, seen = new Set<Schema>()): Schema[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const out = [schema];
  if (typeof schema.$ref === 'string') {
    const target = resolveLocalRef(root, schema.$ref);
    if (target) out.push(...applicable(root, target, seen));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list)) for (const s of list) if (isObject(s)) out.push(...applicable(root, s as Schema, seen));
  }
  for (const key of ['then', 'else']) {
    const s = schema[key];
    if (isObject(s)) out.push(...applicable(root, s as Schema, seen));
  }
  return out;
}

/** The schemas of the value under `key` of a mapping that the schemas `of` describe. */
export function childSchemas(of: Schema[], key: string): Schema[] {
  const out: Schema[] = [];
  for (const s of of) {
    const props = s.properties;
    if (isObject(props) && isObject(props[key])) out.push(props[key] as Schema);
    const patterns = s.patternProperties;
    if (isObject(patterns)) for (const [p, sub] of Object.entries(patterns)) if (isObject(sub) && new RegExp(p, 'u').test(key)) out.push(sub as Schema);
    if (isObject(s.additionalProperties) && !(isObject(props) && key in props)) out.push(s.additionalProperties as Schema);
  }
  return out;
}

export function itemSchemas(of: Schema[]): Schema[] {
  return of.flatMap((s) => (isObject(s.items) ? [s.items as Schema] : []));
}
