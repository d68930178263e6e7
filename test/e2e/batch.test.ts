/**
 * Building many documents at once: the output tree, isolation of failures,
 * reproducible bytes, incremental rebuilds, sharding, and recovery from a browser
 * killed in the middle of a batch.
 */
import { describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandInputs } from '../../src/batch/inputs.js';
import { runBatch } from '../../src/batch/run.js';
import { Printer } from '../../src/print/printer.js';
import { ROOT, runCli, tempDir } from '../helpers.js';

const VALID = join(ROOT, 'test/fixtures/plan/valid/minimal.yaml');
const INVALID = join(ROOT, 'test/fixtures/plan/invalid/negative-budget.yaml');

/** in/north/a.yaml, in/north/b.yaml, in/south/c.yaml (+ an invalid one and a non-document YAML when asked). */
function tree(withInvalid = false): string {
  const dir = tempDir('batch-');
  mkdirSync(join(dir, 'in/north'), { recursive: true });
  mkdirSync(join(dir, 'in/south'), { recursive: true });
  cpSync(VALID, join(dir, 'in/north/a.yaml'));
  cpSync(VALID, join(dir, 'in/north/b.yaml'));
  cpSync(VALID, join(dir, 'in/south/c.yaml'));
  writeFileSync(join(dir, 'in/south/settings.yaml'), 'editor: vscode\n');
  if (withInvalid) cpSync(INVALID, join(dir, 'in/south/broken.yaml'));
  return dir;
}

interface JsonDiagnostic {
  severity: string;
  code: string;
  file: string;
  line: number;
  column: number;
}
interface Summary {
  errors: JsonDiagnostic[];
  documents: { input: string; output: string | null; status: string; pages: number | null; diagnostics: JsonDiagnostic[] }[];
  removed: { output: string; input: string; reason: string }[];
  kept: { output: string; input: string; reason: string }[];
}
const summary = (stdout: string) => JSON.parse(stdout) as Summary;
const statuses = (s: Summary) => Object.fromEntries(s.documents.map((d) => [d.input.split('/').pop(), d.status]));

describe('ita-report build on a folder', () => {
  it('mirrors the input tree, keeps going after a bad document, and exits 1 listing it', () => {
    const dir = tree(true);
    const yamlBefore = readFileSync(join(dir, 'in/south/broken.yaml'));
    const run = runCli(['build', join(dir, 'in'), '-o', join(dir, 'out'), '--jobs', '2']);
    expect(run.status).toBe(1);
    for (const f of ['north/a.pdf', 'north/b.pdf', 'south/c.pdf']) expect(existsSync(join(dir, 'out', f)), f).toBe(true);
    expect(existsSync(join(dir, 'out/south/broken.pdf'))).toBe(false);
    expect(existsSync(join(dir, 'out/south/settings.pdf'))).toBe(false);
    expect(run.stderr).toMatch(/broken\.yaml:\d+:\d+: ข้อผิดพลาด: จำนวนเงินติดลบไม่ได้/);
    expect(run.stderr).toContain('เอกสารที่ไม่สำเร็จ 1 รายการ');
    // Nothing but PDFs and the cache record is written, and the YAML is untouched.
    expect(readdirSync(join(dir, 'out/north')).sort()).toEqual(['.ita-report-cache.json', 'a.pdf', 'b.pdf']);
    expect(readFileSync(join(dir, 'in/south/broken.yaml'))).toEqual(yamlBefore);
  });

  it('gives byte-identical PDFs for the same input', () => {
    const dir = tree();
    expect(runCli(['build', join(dir, 'in'), '-o', join(dir, 'one')]).status).toBe(0);
    expect(runCli(['build', join(dir, 'in'), '-o', join(dir, 'two')]).status).toBe(0);
    for (const f of ['north/a.pdf', 'north/b.pdf', 'south/c.pdf']) expect(readFileSync(join(dir, 'one', f)).equals(readFileSync(join(dir, 'two', f))), f).toBe(true);
    // SOURCE_DATE_EPOCH sets the dates, and still reproducibly.
    expect(runCli(['build', join(dir, 'in/north/a.yaml'), '-o', join(dir, 'three')], { SOURCE_DATE_EPOCH: '1700000000' }).status).toBe(0);
    expect(readFileSync(join(dir, 'three/a.pdf')).equals(readFileSync(join(dir, 'one/north/a.pdf')))).toBe(false);
    expect(readFileSync(join(dir, 'three/a.pdf'), 'latin1')).toContain('D:20231114221320Z');
  });

  it('rebuilds only what changed, unless --force', () => {
    const dir = tree();
    const out = join(dir, 'out');
    const first = summary(runCli(['build', join(dir, 'in'), '-o', out, '--json']).stdout);
    expect(Object.values(statuses(first))).toEqual(['built', 'built', 'built']);
    const second = summary(runCli(['build', join(dir, 'in'), '-o', out, '--json']).stdout);
    expect(statuses(second)).toEqual({ 'a.yaml': 'up-to-date', 'b.yaml': 'up-to-date', 'c.yaml': 'up-to-date' });
    expect(second.documents[0]!.pages).toBe(first.documents[0]!.pages);
    const b = join(dir, 'in/north/b.yaml');
    writeFileSync(b, readFileSync(b, 'utf8').replace('บุคลากร 40 คน', 'บุคลากร 45 คน'));
    // Damaged after it was built (its beginning still says ita-report made it, so it may be replaced).
    appendFileSync(join(out, 'south/c.pdf'), 'damaged');
    const third = summary(runCli(['build', join(dir, 'in'), '-o', out, '--json']).stdout);
    expect(statuses(third)).toEqual({ 'a.yaml': 'up-to-date', 'b.yaml': 'built', 'c.yaml': 'built' });
    const forced = summary(runCli(['build', join(dir, 'in'), '-o', out, '--json', '--force']).stdout);
    expect(Object.values(statuses(forced))).toEqual(['built', 'built', 'built']);
  });

  it('splits the inputs into disjoint shards that cover them all', async () => {
    const dir = tree();
    const names = (k: number) => summary(runCli(['build', join(dir, 'in'), '-o', join(dir, 'out'), '--json', '--shard', `${k}/2`]).stdout).documents.map((d) => d.input);
    const one = names(1);
    const two = names(2);
    const all = (await expandInputs([join(dir, 'in')])).inputs.map((i) => i.file);
    expect(one.length).toBeGreaterThan(0);
    expect(two.length).toBeGreaterThan(0);
    expect(one.filter((f) => two.includes(f))).toEqual([]);
    expect([...one, ...two].sort()).toEqual(all.sort());
    expect(runCli(['build', join(dir, 'in'), '--shard', '3/2']).status).toBe(2);
  });

  it('prints a JSON summary with the error when a folder does not exist, and builds nothing for an empty shard', () => {
    const dir = tempDir('batch-');
    const missing = runCli(['build', join(dir, 'reports/2569'), '-o', join(dir, 'out'), '--shard', '1/2', '--json']);
    expect(missing.status).toBe(2);
    const s = summary(missing.stdout);
    expect(s.documents).toEqual([]);
    expect(s.errors.map((e) => e.code)).toEqual(['input/not-found']);
    const badOption = runCli(['build', dir, '--shard', '3/2', '--json']);
    expect(badOption.status).toBe(2);
    expect(summary(badOption.stdout).errors.map((e) => e.code)).toEqual(['usage/option']);
    // One document: one of two shards has nothing to do, and that is fine.
    cpSync(VALID, join(dir, 'only.yaml'));
    const runs = ['1/2', '2/2'].map((k) => runCli(['build', dir, '-o', join(dir, 'out'), '--shard', k, '--json']));
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    expect(runs.map((r) => summary(r.stdout).documents.length).sort()).toEqual([0, 1]);
  });

  it('restarts a browser killed in the middle of a batch and retries the document it was printing', async () => {
    const dir = tempDir('crash-');
    for (let i = 0; i < 4; i++) cpSync(VALID, join(dir, `doc${i}.yaml`));
    const { inputs } = await expandInputs([dir]);
    const printer = await Printer.launch();
    const firstPid = printer.pid;
    let killed = false;
    // The browser is killed as doc1 goes to it: a kill timed from the document's start landed
    // between two documents once printing got faster, and then nothing needed retrying.
    const print = printer.print.bind(printer);
    printer.print = (job) => {
      if (!killed && job.file.endsWith('doc1.yaml')) {
        killed = true;
        // Its whole process group: Debian starts its headless shell from a script that stays its parent.
        process.kill(-firstPid!, 'SIGKILL');
      }
      return print(job);
    };
    try {
      const outcomes = await runBatch(inputs, {
        jobs: 1,
        outDir: join(dir, 'out'),
        printer,
      });
      expect(killed).toBe(true);
      expect(outcomes.map((o) => o.status), JSON.stringify(outcomes.map((o) => o.diagnostics.map((d) => d.message.en)))).toEqual(['built', 'built', 'built', 'built']);
      expect(outcomes.some((o) => o.retried)).toBe(true);
      expect(printer.pid).not.toBe(firstPid);
      for (let i = 0; i < 4; i++) expect(readFileSync(join(dir, 'out', `doc${i}.pdf`)).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await printer.close();
    }
  });
});

describe('an output folder kept between runs (a CI cache)', () => {
  it('reports the warnings of an up-to-date document again, at their lines', () => {
    const dir = tempDir('batch-');
    // Without outputs or outcomes the last project gets a warning (plan/no-results).
    writeFileSync(join(dir, 'warn.yaml'), readFileSync(VALID, 'utf8').replace(/\n\s*outputs: เว็บไซต์เป็นปัจจุบัน\n?$/, '\n'));
    const args = ['build', dir, '-o', join(dir, 'out')];
    const first = summary(runCli([...args, '--json']).stdout).documents[0]!;
    expect(first.status).toBe('built');
    const warning = first.diagnostics.find((d) => d.code === 'plan/no-results')!;
    expect(warning).toMatchObject({ severity: 'warning' });
    expect(warning.line).toBeGreaterThan(0);
    const second = summary(runCli([...args, '--json']).stdout).documents[0]!;
    expect(second.status).toBe('up-to-date');
    expect(second.diagnostics).toEqual(first.diagnostics);
    const text = runCli(args, { ITA_REPORT_LANG: 'en' });
    expect(text.stdout).toContain('up to date');
    expect(text.stderr).toContain(`warn.yaml:${warning.line}:${warning.column}: warning:`);
    // Under --strict its warning is an error, up to date or not.
    const strict = runCli([...args, '--strict', '--json']);
    expect(strict.status).toBe(1);
    expect(summary(strict.stdout).documents[0]!.status).toBe('invalid');
  });

  it('removes PDFs whose YAML is gone or belongs to another shard, and no file it did not write', () => {
    const dir = tree();
    const out = join(dir, 'out');
    expect(runCli(['build', join(dir, 'in'), '-o', out]).status).toBe(0);
    writeFileSync(join(out, 'north/notes.pdf'), 'a file of the user');
    writeFileSync(join(out, 'south/readme.txt'), 'a file of the user');
    rmSync(join(dir, 'in/north/b.yaml'));
    // north/a.pdf is in shard 1 of 2 and south/c.pdf in shard 2 (see test/unit/shard.test.ts for the spread).
    const one = summary(runCli(['build', join(dir, 'in'), '-o', out, '--shard', '1/2', '--json']).stdout);
    expect(statuses(one)).toEqual({ 'a.yaml': 'up-to-date' });
    expect(one.removed.map((r) => [r.output.slice(out.length + 1), r.reason]).sort()).toEqual([['north/b.pdf', 'source-gone'], ['south/c.pdf', 'other-shard']]);
    expect(one.kept).toEqual([]);
    expect(readdirSync(join(out, 'north')).sort()).toEqual(['.ita-report-cache.json', 'a.pdf', 'notes.pdf']);
    expect(readdirSync(join(out, 'south')).sort()).toEqual(['readme.txt']);

    // A stale PDF changed by someone after the build is not the tool's to remove: kept and reported.
    expect(runCli(['build', join(dir, 'in'), '-o', out]).status).toBe(0);
    writeFileSync(join(out, 'south/c.pdf'), 'edited by hand');
    const again = runCli(['build', join(dir, 'in'), '-o', out, '--shard', '1/2'], { ITA_REPORT_LANG: 'en' });
    expect(again.status).toBe(0);
    expect(readFileSync(join(out, 'south/c.pdf'), 'utf8')).toBe('edited by hand');
    expect(again.stderr).toMatch(/south\/c\.pdf: not removed although stale \(its document belongs to another shard\)/);

    // A new document that sorts first moves no other document: a stays up to date in shard 1.
    cpSync(VALID, join(dir, 'in/north/0.yaml'));
    const grown = summary(runCli(['build', join(dir, 'in'), '-o', out, '--shard', '1/2', '--json']).stdout);
    expect(statuses(grown)['a.yaml']).toBe('up-to-date');
    expect(grown.removed).toEqual([]);
  });
});
