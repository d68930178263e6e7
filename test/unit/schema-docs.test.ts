/**
 * The schemas are the officers' on-screen manual (hover and completion in the editor):
 * every field of every kind has a Thai title, a description and an example, and no
 * schema refers to anything on the network.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

type Node = Record<string, unknown>;
const DIR = join(ROOT, 'schemas');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.schema.json'));
const SCHEMAS = Object.fromEntries(FILES.map((f) => [f, JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Node]));

/** A property schema with what its $ref chain supplies (its own keywords win). */
function resolved(node: Node, file: string): Node {
  let merged: Node = { ...node };
  let current = node;
  let currentFile = file;
  const seen = new Set<string>();
  while (typeof current.$ref === 'string' && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    const [target = '', pointer = ''] = current.$ref.split('#');
    currentFile = target || currentFile;
    let n: unknown = SCHEMAS[currentFile];
    for (const part of pointer.split('/').slice(1)) n = (n as Node)[part];
    current = n as Node;
    merged = { ...current, ...merged };
  }
  return merged;
}

function fields(): { where: string; schema: Node }[] {
  const out: { where: string; schema: Node }[] = [];
  const walk = (node: unknown, file: string, path: string) => {
    if (node === null || typeof node !== 'object') return;
    const n = node as Node;
    if (n.properties && typeof n.properties === 'object') {
      for (const [key, value] of Object.entries(n.properties as Node)) out.push({ where: `${file} ${path}/${key}`, schema: resolved(value as Node, file) });
    }
    for (const [key, value] of Object.entries(n)) walk(value, file, `${path}/${key}`);
  };
  for (const f of FILES) walk(SCHEMAS[f], f, '');
  return out;
}

const THAI = /[\u0E00-\u0E7F]/;

describe('schemas as documentation', () => {
  it('cover every kind and the authority file', () => {
    expect(FILES).toEqual(expect.arrayContaining(['plan.schema.json', 'measures.schema.json', 'results.schema.json', 'authority.schema.json', 'common.schema.json']));
  });

  it('give every field a Thai title, a Thai description and an example', () => {
    const missing: string[] = [];
    for (const { where, schema } of fields()) {
      if (typeof schema.title !== 'string' || !THAI.test(schema.title)) missing.push(`${where}: title`);
      if (typeof schema.description !== 'string' || !THAI.test(schema.description)) missing.push(`${where}: description`);
      const hasExample = Array.isArray(schema.examples) && schema.examples.length > 0;
      if (!hasExample && schema.const === undefined && !Array.isArray(schema.enum)) missing.push(`${where}: examples`);
    }
    expect(missing).toEqual([]);
  });

  it('refer to nothing on the network', () => {
    for (const f of FILES) {
      const refs = [...readFileSync(join(DIR, f), 'utf8').matchAll(/"\$ref":\s*"([^"]*)"/g)].map((m) => m[1]!);
      expect(refs.filter((r) => /^[a-z]+:/i.test(r)), f).toEqual([]);
    }
  });
});
