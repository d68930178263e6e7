/**
 * The text of every file of schemas/, read once per process: the validator hashes them (to
 * know whether the schemas compiled at build time are these) and, when they are not,
 * compiles them; bundle.ts builds self-contained schemas from them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_DIR } from '../paths.js';

let texts: Map<string, string> | undefined;

/** Every `*.schema.json` of schemas/, by file name, in name order. */
export function schemaTexts(): Map<string, string> {
  texts ??= new Map(readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json')).sort().map((f) => [f, readFileSync(join(SCHEMA_DIR, f), 'utf8')]));
  return texts;
}

/** One schema file's text (an error for a file schemas/ does not have). */
export function schemaText(file: string): string {
  const text = schemaTexts().get(file);
  if (text === undefined) throw new Error(`no schema ${file} in ${SCHEMA_DIR}`);
  return text;
}
