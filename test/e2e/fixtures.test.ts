/**
 * Schema fixtures of every kind. Valid ones are printed to PDF (so schema and
 * templates cannot drift apart); each invalid one declares, in `# expect:` lines,
 * the line, YAML path and rule of the diagnostic it must produce.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPath } from '../../src/diagnostics.js';
import { buildDocument, deriveDocument } from '../../src/pipeline.js';
import { Printer } from '../../src/print/printer.js';
import { pdfinfo, ROOT, tempDir } from '../helpers.js';

const FIXTURES = join(ROOT, 'test', 'fixtures');
const kinds = readdirSync(FIXTURES).filter((k) => existsSync(join(FIXTURES, k, 'valid')) || existsSync(join(FIXTURES, k, 'invalid')));
const list = (kind: string, dir: string) => (existsSync(join(FIXTURES, kind, dir)) ? readdirSync(join(FIXTURES, kind, dir)).filter((f) => f.endsWith('.yaml')).map((f) => join(FIXTURES, kind, dir, f)) : []);

interface Expectation {
  line: number;
  path: string;
  code: string;
}
function expectations(file: string): Expectation[] {
  return [...readFileSync(file, 'utf8').matchAll(/^# expect: (\d+) (\S+) (\S+)$/gm)].map((m) => ({ line: Number(m[1]), path: m[2]!, code: m[3]! }));
}

let printer: Printer;
beforeAll(async () => {
  printer = await Printer.launch();
});
afterAll(async () => {
  await printer?.close();
});

describe.each(kinds)('%s fixtures', (kind) => {
  const valid = list(kind, 'valid');
  const invalid = list(kind, 'invalid');

  it.each(valid)('builds %s to a PDF without errors', async (file) => {
    const result = await buildDocument(file, printer, { outDir: tempDir('fixture-') });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.output).toBeDefined();
    expect(Number(/Pages:\s+(\d+)/.exec(pdfinfo(result.output!))![1])).toBeGreaterThan(0);
  });

  it.each(invalid)('reports %s at the declared line and path', async (file) => {
    const expected = expectations(file);
    expect(expected.length, 'an invalid fixture declares its expectations in "# expect: LINE PATH CODE"').toBeGreaterThan(0);
    const { diagnostics } = await deriveDocument(file);
    const found = diagnostics.map((d) => ({ line: d.line, path: formatPath(d.path), code: d.code }));
    for (const e of expected) expect(found).toContainEqual(e);
    for (const d of diagnostics) {
      expect(d.message.th.length).toBeGreaterThan(0);
      expect(d.message.en.length).toBeGreaterThan(0);
    }
  });
});
