/**
 * One kind's JSON Schema as a single self-contained tree: the definitions of
 * schemas/common.schema.json are copied in under `$defs` as `common-<name>` and every
 * reference is rewritten to point inside the file. Nothing refers to the network.
 * Used by `ita-report schema KIND`, by the editor copies of the schemas, by the field
 * reference and by the normalization step that reads fields' types.
 */
import { KINDS } from '../kinds/index.js';
import { AUTHORITY_KIND, AUTHORITY_SCHEMA } from '../load/authority.js';
import { TOOL_VERSION } from '../paths.js';
import { schemaText } from './schema-files.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const COMMON = 'common.schema.json';

export function schemaKinds(): string[] {
  return [...KINDS.keys(), AUTHORITY_KIND];
}

export function schemaFileOf(kind: string): string | undefined {
  if (kind === AUTHORITY_KIND) return AUTHORITY_SCHEMA;
  return KINDS.get(kind)?.schema;
}

function read(file: string): { [key: string]: Json } {
  return JSON.parse(schemaText(file)) as { [key: string]: Json };
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

export type JsonObject = { [key: string]: Json };

/** The kind's schema with the common definitions inlined, or undefined for an unknown kind. */
export function bundledSchema(kind: string): JsonObject | undefined {
  const file = schemaFileOf(kind);
  if (!file) return undefined;
  return {
    $comment: `ita-report ${TOOL_VERSION}: schema of "kind: ${kind}", made by "ita-report schema ${kind}" (self-contained)`,
    ...bundleFile(file),
  };
}

const bundles = new Map<string, JsonObject>();

/** A schema file of schemas/ with the common definitions inlined (read once per process; do not modify). */
export function bundleFile(file: string): JsonObject {
  let bundle = bundles.get(file);
  if (!bundle) {
    bundle = bundleOf(file);
    bundles.set(file, bundle);
  }
  return bundle;
}

function bundleOf(file: string): JsonObject {
  const main = rewrite(read(file), false) as { [key: string]: Json };
  const common = read(COMMON);
  const defs: { [key: string]: Json } = { ...((main.$defs as { [key: string]: Json } | undefined) ?? {}) };
  for (const [name, def] of Object.entries((common.$defs as { [key: string]: Json }) ?? {})) defs[`common-${name}`] = rewrite(def, true);
  const { $schema, ...rest } = main;
  return { $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema', ...rest, $defs: defs };
}

/** The schema a local reference (`#/$defs/x`, any JSON pointer) names inside a bundle. */
export function resolveLocalRef(root: JsonObject, ref: string): JsonObject | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: Json = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = node[raw.replace(/~1/g, '/').replace(/~0/g, '~')] as Json;
  }
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? node : undefined;
}
