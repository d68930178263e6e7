/** The GitHub Actions example must run ita-report the way the CLI accepts it. */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, runCli, tempDir } from '../helpers.js';

interface Workflow {
  jobs: { build: { strategy: { matrix: { year: string[]; shard: string[] } }; steps: { run?: string }[] } };
}

describe('examples/ci/ita-documents.yml', () => {
  const workflow = parse(readFileSync(join(ROOT, 'examples/ci/ita-documents.yml'), 'utf8')) as Workflow;
  const build = workflow.jobs.build;

  it('builds each fiscal year in shards that together cover every document', () => {
    const { year, shard } = build.strategy.matrix;
    expect(year.length).toBeGreaterThan(0);
    const count = Number(shard[0]!.split('/')[1]);
    expect(shard).toEqual(Array.from({ length: count }, (_, i) => `${i + 1}/${count}`));
  });

  it('runs a build command the CLI accepts, and its shards build all documents of a year', () => {
    const step = build.steps.find((s) => s.run?.includes('ita-report build'))!;
    const repo = tempDir('ci-');
    mkdirSync(join(repo, 'reports/2568/a'), { recursive: true });
    mkdirSync(join(repo, 'reports/2568/b'), { recursive: true });
    cpSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), join(repo, 'reports/2568/a/plan.yaml'));
    cpSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), join(repo, 'reports/2568/b/plan.yaml'));
    for (const shard of ['1/2', '2/2']) {
      const command = step.run!
        .replaceAll('${{ matrix.year }}', '2568')
        .replaceAll('${{ matrix.shard }}', shard)
        .replace(/^npx ita-report /, '')
        .replace(/ > .*$/, '');
      // Split the shell words of this simple command line (double quotes only).
      const args = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2])!).map((a) => (a.startsWith('reports/') || a.startsWith('out/') ? join(repo, a) : a));
      const run = runCli(args);
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).documents).toHaveLength(1);
    }
    expect(existsSync(join(repo, 'out/2568/a/plan.pdf'))).toBe(true);
    expect(existsSync(join(repo, 'out/2568/b/plan.pdf'))).toBe(true);
  });
});
