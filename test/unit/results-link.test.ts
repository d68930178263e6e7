/**
 * A results report linked to the measures document of the same authority and year:
 * every measure there needs a result here, every result a measure there.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPath, type Diagnostic } from '../../src/diagnostics.js';
import { checkDocument } from '../../src/pipeline.js';
import { ROOT, runCli, tempDir } from '../helpers.js';

const DIR = join(ROOT, 'test', 'fixtures', 'results', 'linked');
const MEASURES = join(DIR, 'measures-2568.yaml');
const brief = (d: Diagnostic) => ({ severity: d.severity, code: d.code, line: d.line, path: formatPath(d.path) });

function lineOf(file: string, needle: string): number {
  const i = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in ${file}`);
  return i + 1;
}

describe('measures_document', () => {
  it('accepts a report with a result for every measure, by title (spacing aside) or by id', async () => {
    const { diagnostics } = await checkDocument(join(DIR, 'results-ok.yaml'));
    expect(diagnostics.map(brief)).toEqual([]);
  });

  it('reports every missing result at the measures_document line, and every unknown result at its own line', async () => {
    const file = join(DIR, 'results-mismatch.yaml');
    const { diagnostics } = await checkDocument(file);
    const at = lineOf(file, 'measures_document:');
    const missing = diagnostics.filter((d) => d.code === 'results/missing-result');
    expect(missing.map(brief)).toEqual([
      { severity: 'error', code: 'results/missing-result', line: at, path: 'measures_document' },
      { severity: 'error', code: 'results/missing-result', line: at, path: 'measures_document' },
      { severity: 'error', code: 'results/missing-result', line: at, path: 'measures_document' },
    ]);
    // Named, with where the measure is in the measures document.
    expect(missing[2]!.message.th).toContain(`"ประกาศนโยบายไม่รับของขวัญ (No Gift Policy)" (บรรทัด ${lineOf(MEASURES, 'No Gift Policy')} ของ ./measures-2568.yaml)`);
    expect(missing[1]!.hint!.en).toContain('measure_id: complaint-channel');

    const unknown = diagnostics.filter((d) => d.code === 'results/unknown-measure');
    expect(unknown.map(brief)).toEqual([
      { severity: 'error', code: 'results/unknown-measure', line: lineOf(file, 'ประชาชาน'), path: 'items[0].measure' },
      { severity: 'error', code: 'results/unknown-measure', line: lineOf(file, 'complaint-chanel'), path: 'items[1].measure_id' },
    ]);
    expect(unknown[0]!.hint!.th).toBe('หมายถึง "จัดทำคู่มือการให้บริการประชาชน" หรือไม่?');
    expect(unknown[1]!.hint!.en).toBe('did you mean "complaint-channel"?');
  });

  it('requires the same authority and fiscal year', async () => {
    const { diagnostics } = await checkDocument(join(DIR, 'results-other-year.yaml'));
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['results/link-authority', 'results/link-year']);
    expect(errors[1]!.message.en).toBe('the measures document is for fiscal year 2568, this report for 2567');
  });

  it('is an error at its line when the file is missing or is not a measures document', async () => {
    const missing = await checkDocument(join(DIR, 'results-no-file.yaml'));
    expect(missing.diagnostics.filter((d) => d.severity === 'error').map(brief)).toEqual([
      { severity: 'error', code: 'link/not-found', line: 7, path: 'measures_document' },
    ]);
    const wrong = await checkDocument(join(DIR, 'results-wrong-kind.yaml'));
    expect(wrong.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['link/kind']);
  });

  it('asks to fix a measures document that has errors first', async () => {
    const dir = tempDir('results-link-');
    copyFileSync(join(DIR, 'results-ok.yaml'), join(dir, 'results.yaml'));
    writeFileSync(join(dir, 'measures-2568.yaml'), readFileSync(MEASURES, 'utf8').replace('fiscal_year: 2568', 'fiscal_year: 1568'));
    const run = runCli(['validate', '--lang', 'en', join(dir, 'results.yaml')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/results\.yaml:7:\d+: error: the measures document \.\/measures-2568\.yaml has 1 error\(s\)/);
    expect(run.stderr).toContain('fix it first: ita-report validate ./measures-2568.yaml');
  });
});
