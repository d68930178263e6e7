/**
 * Every validation message exists in Thai and English, says what to do (a hint in both
 * languages) and points at a line — over every invalid fixture of every kind and the
 * mistakes of the officer's editor (encodings, a tab, a broken authority reference).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveDocument } from '../../src/pipeline.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { ROOT, tempDir } from '../helpers.js';

const THAI = /[\u0E00-\u0E7F]/;
const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');

function invalidFixtures(): string[] {
  const out: string[] = [];
  for (const kind of readdirSync(join(ROOT, 'test/fixtures'))) {
    const dir = join(ROOT, 'test/fixtures', kind, 'invalid');
    if (existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.yaml')) out.push(join(dir, f));
  }
  return out;
}

function editorMistakes(): string[] {
  const dir = tempDir('messages-');
  const files: Record<string, string | Buffer> = {
    'tis620.yaml': Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xaa, 0xd7, 0xe8, 0xcd, 0x0a]),
    'utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: plan\n', 'utf16le')]),
    'tab.yaml': MINIMAL.replace('  short_name:', '\tshort_name:'),
    'dangling.yaml': MINIMAL.replace(/^authority:\n(  .*\n)+/m, 'authority: ../nowhere.yaml\n'),
    'name-not-file.yaml': MINIMAL.replace(/^authority:\n(  .*\n)+/m, 'authority: เทศบาลตำบลตัวอย่าง\n'),
    'a.yaml': 'kind: authority\nextends: b.yaml\n',
    'b.yaml': 'kind: authority\nextends: a.yaml\n',
    'cycle.yaml': MINIMAL.replace(/^authority:\n(  .*\n)+/m, 'authority: a.yaml\n'),
    'kind-typo.yaml': MINIMAL.replace('kind: plan', 'kind: plna'),
    'unclosed.yaml': MINIMAL.replace('body: ประเมินความเสี่ยงในการปฏิบัติงานของหน่วยงาน', 'body: "ประเมินความเสี่ยง'),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return ['tis620', 'utf16', 'tab', 'dangling', 'name-not-file', 'cycle', 'kind-typo', 'unclosed'].map((n) => join(dir, `${n}.yaml`));
}

function problems(d: Diagnostic): string[] {
  const out: string[] = [];
  if (!THAI.test(d.message.th)) out.push('message.th is not Thai');
  if (!d.message.en || THAI.test(d.message.en.replace(/"[^"]*"|\([^)]*\)|\S*[\u0E00-\u0E7F]\S*/g, ''))) out.push('message.en missing or not English');
  if (!d.hint?.th || !d.hint.en) out.push('no hint in both languages');
  // Only a file that cannot be read as text at all has no line to point at.
  if (d.line <= 0 && !d.code.startsWith('load/')) out.push('no line');
  return out;
}

describe('validation messages', () => {
  it.each([...invalidFixtures(), ...editorMistakes()].map((f) => [f.split('/').slice(-3).join('/'), f]))('%s: Thai and English, a fix, a place', async (_name, file) => {
    const { diagnostics } = await deriveDocument(file);
    expect(diagnostics.length).toBeGreaterThan(0);
    const bad = diagnostics.flatMap((d) => problems(d).map((p) => `${d.code} (line ${d.line}): ${p}`));
    expect(bad).toEqual([]);
  });
});
