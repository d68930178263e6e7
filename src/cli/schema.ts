/**
 * `ita-report schema KIND [-o FILE]`: one kind's JSON Schema as a single self-contained
 * file, for editors that cannot read the schemas from the installed package (or that
 * do not follow a reference from one schema file to another). The definitions of
 * schemas/common.schema.json are copied in under `$defs` as `common-<name>` and every
 * reference is rewritten to point inside the file. Nothing refers to the network.
 */
import { readFileSync } from 'node:fs';
import type { Lang } from '../diagnostics.js';
import { removeStaleTemporaries, replaceRefusal, writeAtomically } from '../batch/outputs.js';
import { nearest } from '../validate/suggest.js';
import { dirname, join, resolve } from 'node:path';
import { KINDS } from '../kinds/index.js';
import { AUTHORITY_KIND, AUTHORITY_SCHEMA } from '../load/authority.js';
import { SCHEMA_DIR, TOOL_VERSION } from '../paths.js';
import { EXIT_INVALID, EXIT_OK, printDiagnostics } from './report.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const COMMON = 'common.schema.json';

export function schemaKinds(): string[] {
  return [...KINDS.keys(), AUTHORITY_KIND];
}

function schemaFileOf(kind: string): string | undefined {
  if (kind === AUTHORITY_KIND) return AUTHORITY_SCHEMA;
  return KINDS.get(kind)?.schema;
}

function read(file: string): { [key: string]: Json } {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as { [key: string]: Json };
}

/** Rewrites every `$ref` of a schema tree; `fromCommon` tells whether `#/$defs/x` means a common definition. */
function rewrite(node: Json, fromCommon: boolean): Json {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, fromCommon));
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const [file, pointer = ''] = value.split('#');
      const common = file === COMMON || (file === '' && fromCommon);
      out[key] = common ? `#${pointer.replace(/^\/\$defs\/([^/]+)/, '/$defs/common-$1')}` : value;
    } else {
      out[key] = rewrite(value, fromCommon);
    }
  }
  return out;
}

/** The kind's schema with the common definitions inlined, or undefined for an unknown kind. */
export function bundledSchema(kind: string): { [key: string]: Json } | undefined {
  const file = schemaFileOf(kind);
  if (!file) return undefined;
  const main = rewrite(read(file), false) as { [key: string]: Json };
  const common = read(COMMON);
  const defs: { [key: string]: Json } = { ...((main.$defs as { [key: string]: Json } | undefined) ?? {}) };
  for (const [name, def] of Object.entries((common.$defs as { [key: string]: Json }) ?? {})) defs[`common-${name}`] = rewrite(def, true);
  const { $schema, ...rest } = main;
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $comment: `ita-report ${TOOL_VERSION}: schema of "kind: ${kind}", made by "ita-report schema ${kind}" (self-contained)`,
    ...rest,
    $defs: defs,
  };
}

/**
 * `ita-report schema KIND [-o FILE] [--force]`; returns the exit code. FILE is replaced only
 * when it is a schema this command wrote, or with --force (never a folder, a pipe or a read-only file).
 */
export async function schemaCommand(kind: string, opts: { out?: string; force?: boolean }, lang: Lang): Promise<number> {
  const schema = bundledSchema(kind);
  if (!schema) {
    const guess = nearest(kind, schemaKinds());
    process.stderr.write(lang === 'th'
      ? `ita-report: ไม่รู้จักชนิดเอกสาร "${kind}"${guess ? ` หมายถึง ${guess} หรือไม่?` : ''} ชนิดที่มี: ${schemaKinds().join(', ')}\n`
      : `ita-report: unknown document kind "${kind}"${guess ? `; did you mean ${guess}?` : ''} kinds: ${schemaKinds().join(', ')}\n`);
    return 2;
  }
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (!opts.out) {
    process.stdout.write(text);
    return 0;
  }
  const refusal = await replaceRefusal(opts.out, opts.force);
  if (refusal) {
    printDiagnostics([{ severity: 'error', file: opts.out, line: 0, column: 0, path: [], ...refusal }], lang);
    return EXIT_INVALID;
  }
  await removeStaleTemporaries(dirname(resolve(opts.out)));
  await writeAtomically(opts.out, new TextEncoder().encode(text));
  return EXIT_OK;
}
