/**
 * examples/ci/ita-documents.yml, run as GitHub Actions would run it: every `run:` step of
 * every job goes through bash (`bash --noprofile --norc -eo pipefail`, GitHub's default
 * shell) with its `${{ }}` expressions given values, in a git repository of reports, with
 * GITHUB_ACTIONS, GITHUB_WORKSPACE and GITHUB_OUTPUT set. The `uses:` steps are stood in
 * for: checkout is the repository, the cache is a store of folders by key (restore-keys by
 * prefix, newest first), an artifact is the list of files its path pattern matches, and
 * `npm ci` links this checkout's CLI into node_modules/.bin (what npx runs).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { CLI, ROOT, tempDir } from '../helpers.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  id?: string;
}
interface Job {
  if?: string;
  needs?: string;
  outputs?: Record<string, string>;
  strategy?: { matrix: string | Record<string, unknown> };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  env: Record<string, string | number>;
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync(join(ROOT, 'examples/ci/ita-documents.yml'), 'utf8')) as Workflow;
const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');
/** minimal.yaml with a misspelt key: an error at the line of `budjet:`. */
const TYPO = MINIMAL.replace('budget:', 'budjet:');
/** minimal.yaml whose last project has neither outputs nor outcomes: a warning (plan/no-results). */
const WARNING = MINIMAL.replace(/\n\s*outputs: เว็บไซต์เป็นปัจจุบัน\n?$/, '\n');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

type Context = Record<string, string>;

/** `${{ matrix.year }}` → its value; an expression the test does not know fails the test. */
function expand(text: string, ctx: Context): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    if (!(expr in ctx)) throw new Error(`no value for \${{ ${expr} }} in: ${text}`);
    return ctx[expr]!;
  });
}

/** The `if:` forms the workflow uses: `a == 'x'`, `a != 'x'`, `always()`. */
function condition(expr: string | undefined, ctx: Context, failed: boolean): boolean {
  if (expr === undefined) return !failed;
  if (expr === 'always()') return true;
  const m = /^([\w.]+) (==|!=) '([^']*)'$/.exec(expr.trim());
  if (!m || !(m[1]! in ctx)) throw new Error(`unknown condition: ${expr}`);
  return (ctx[m[1]!] === m[3]) === (m[2] === '==') && !failed;
}

interface StepRun {
  status: number;
  stdout: string;
  stderr: string;
  /** What GitHub reads workflow commands from: stdout and stderr, line by line. */
  log: string;
}

/** A repository of reports with the workflow's runner around it. */
class Runner {
  readonly repo = tempDir('ci-repo-');
  readonly caches: { key: string; dir: string }[] = [];
  /** Every run: step executed, by job and step index. */
  readonly executed = new Set<string>();
  private readonly home = tempDir('ci-runner-');

  constructor() {
    this.git('init', '-q', '-b', 'main');
    writeFileSync(join(this.repo, 'package.json'), '{ "private": true, "devDependencies": { "ita-report": "*" } }\n');
    writeFileSync(join(this.repo, '.gitignore'), 'node_modules/\nout/\n');
  }

  git(...args: string[]): string {
    const r = spawnSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', ...args], { cwd: this.repo, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  write(files: Record<string, string | null>, message: string): void {
    for (const [path, text] of Object.entries(files)) {
      if (text === null) rmSync(join(this.repo, path));
      else {
        mkdirSync(dirname(join(this.repo, path)), { recursive: true });
        writeFileSync(join(this.repo, path), text);
      }
    }
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
  }

  /** Runs one job; returns the output of each run: step by name (or command) and the job's outputs. */
  job(name: string, ctx: Context): { ran: boolean; failed: boolean; runs: StepRun[]; outputs: Context; artifacts: Record<string, string[]> } {
    const job = workflow.jobs[name]!;
    const result = { ran: false, failed: false, runs: [] as StepRun[], outputs: {} as Context, artifacts: {} as Record<string, string[]> };
    if (!condition(job.if, ctx, false)) return result;
    result.ran = true;
    const stepOutputs: Context = {};
    job.steps.forEach((step, index) => {
      if (!condition(step.if, ctx, result.failed)) return;
      const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), ctx)]));
      if (step.uses?.startsWith('actions/checkout@') || step.uses?.startsWith('actions/setup-node@')) return;
      if (step.uses?.startsWith('actions/cache/restore@')) return this.restore(w.path!, w.key!, w['restore-keys']);
      if (step.uses?.startsWith('actions/cache/save@')) return this.save(w.path!, w.key!);
      if (step.uses?.startsWith('actions/upload-artifact@')) {
        result.artifacts[w.name!] = this.matching(w.path!);
        return;
      }
      if (step.uses) throw new Error(`no stand-in for ${step.uses}`);
      if (step.run === 'npm ci') return this.npmCi();
      this.executed.add(`${name}#${index}`);
      const outputFile = join(this.home, `output-${name}-${index}`);
      writeFileSync(outputFile, '');
      const script = join(this.home, `step-${name}-${index}.sh`);
      writeFileSync(script, expand(step.run!, ctx));
      const env = { ...process.env, ...Object.fromEntries(Object.entries(workflow.env).map(([k, v]) => [k, String(v)])), ...step.env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: this.repo, GITHUB_OUTPUT: outputFile, ITA_REPORT_LANG: 'en' };
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: this.repo, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      result.runs.push({ status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, log: `${r.stdout}\n${r.stderr}` });
      if (r.status !== 0) result.failed = true;
      for (const line of readFileSync(outputFile, 'utf8').split('\n')) {
        const eq = line.indexOf('=');
        if (eq > 0 && step.id) stepOutputs[`steps.${step.id}.outputs.${line.slice(0, eq)}`] = line.slice(eq + 1);
      }
    });
    for (const [key, expr] of Object.entries(job.outputs ?? {})) result.outputs[key] = expand(expr, stepOutputs);
    // The runner goes away, and what the job wrote into the workspace with it.
    rmSync(join(this.repo, 'out'), { recursive: true, force: true });
    return result;
  }

  private npmCi(): void {
    mkdirSync(join(this.repo, 'node_modules/.bin'), { recursive: true });
    rmSync(join(this.repo, 'node_modules/.bin/ita-report'), { force: true });
    symlinkSync(CLI, join(this.repo, 'node_modules/.bin/ita-report'));
  }

  /** actions/cache/restore: the exact key, else the newest cache whose key starts with a restore key. */
  private restore(path: string, key: string, restoreKeys = ''): void {
    const prefixes = restoreKeys.split('\n').map((k) => k.trim()).filter(Boolean);
    const hit = this.caches.find((c) => c.key === key) ?? [...this.caches].reverse().find((c) => prefixes.some((p) => c.key.startsWith(p)));
    rmSync(join(this.repo, path), { recursive: true, force: true });
    if (hit) cpSync(hit.dir, join(this.repo, path), { recursive: true });
  }

  /** actions/cache/save: an existing key is not overwritten. */
  private save(path: string, key: string): void {
    if (existsSync(join(this.repo, path)) && !this.caches.some((c) => c.key === key)) {
      const dir = tempDir('ci-cache-');
      cpSync(join(this.repo, path), dir, { recursive: true });
      this.caches.push({ key, dir });
    }
  }

  /** Files matching an upload-artifact pattern of the form `dir/**\/*.ext`. */
  private matching(pattern: string): string[] {
    const m = /^(.*)\/\*\*\/\*(\.\w+)$/.exec(pattern);
    if (!m) throw new Error(`pattern not understood: ${pattern}`);
    const base = join(this.repo, m[1]!);
    if (!existsSync(base)) return [];
    return (readdirSync(base, { recursive: true }) as string[]).filter((f) => f.endsWith(m[2]!)).map((f) => relative(this.repo, join(base, f))).sort();
  }

  /** The build matrix, as the `matrix` job computes it, run job by job. */
  push(sha: string) {
    const ctx = { 'github.event_name': 'push', 'github.sha': sha };
    expect(this.job('validate', ctx).ran).toBe(false);
    const m = this.job('matrix', ctx);
    expect(m.failed, m.runs.map((r) => r.stderr).join('\n')).toBe(false);
    const matrix = JSON.parse(m.outputs.matrix!) as { year: string[]; shard: number[] };
    const jobs: { year: string; shard: number; run: ReturnType<Runner['job']> }[] = [];
    for (const year of matrix.year) {
      for (const shard of matrix.shard) {
        jobs.push({ year, shard, run: this.job('build', { ...ctx, 'needs.matrix.outputs.years': m.outputs.years!, 'needs.matrix.outputs.matrix': m.outputs.matrix!, 'matrix.year': year, 'matrix.shard': String(shard) }) });
      }
    }
    return { matrix, jobs };
  }
}

describe('examples/ci/ita-documents.yml', () => {
  it('validates the folders a pull request touches, annotated; builds and uploads each shard of each year on a push to main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    const runner = new Runner();
    const plan = (text = MINIMAL) => text;
    runner.write({
      'reports/2567/alpha/plan.yaml': plan(),
      'reports/2568/alpha/plan.yaml': plan(),
      'reports/2568/beta/plan.yaml': plan(),
      'reports/2568/gamma/plan.yaml': plan(),
    }, 'base');

    // A pull request that breaks beta and gives gamma a warning, as GitHub checks it out: the merge commit.
    runner.git('checkout', '-q', '-b', 'officer');
    runner.write({ 'reports/2568/beta/plan.yaml': TYPO, 'reports/2568/gamma/plan.yaml': WARNING }, 'edit beta and gamma');
    runner.git('checkout', '-q', 'main');
    runner.git('merge', '-q', '--no-ff', '-m', 'merge pull request', 'officer');
    const pr = { 'github.event_name': 'pull_request' };
    expect(runner.job('matrix', pr).ran).toBe(false);
    const validate = runner.job('validate', pr);
    expect(validate.ran).toBe(true);
    expect(validate.failed).toBe(true);
    const out = validate.runs.at(-1)!;
    expect(out.status, out.stderr).toBe(1);
    const errorLine = lineOf(TYPO, 'budjet:');
    expect(out.log).toMatch(new RegExp(`^::error file=reports/2568/beta/plan\\.yaml,line=${errorLine},col=\\d+,title=ita-report schema/unknown-key::reports/2568/beta/plan\\.yaml:${errorLine}:\\d+: error: unknown key "budjet".*%0A.*fix: did you mean "budget"`, 'm'));
    expect(out.log).toMatch(/^::warning file=reports\/2568\/gamma\/plan\.yaml,line=\d+,col=\d+,title=ita-report plan\/no-results::/m);
    // Untouched folders are not checked: the pull request stays fast however many authorities there are.
    expect(out.log).not.toContain('alpha');
    expect(readdirSync(runner.repo)).not.toContain('out');

    // The same merged into main (broken document and all), pushed: every year folder × every shard.
    const first = runner.push(runner.git('rev-parse', 'HEAD').trim());
    expect(first.matrix.year).toEqual(['2567', '2568']);
    expect(first.matrix.shard).toEqual(Array.from({ length: Number(workflow.env.SHARDS) }, (_, i) => i + 1));
    const all = (jobs: typeof first.jobs, year: string) => jobs.filter((j) => j.year === year).flatMap((j) => Object.values(j.run.artifacts).flat()).sort();
    expect(all(first.jobs, '2567')).toEqual(['out/2567/alpha/plan.pdf']);
    expect(all(first.jobs, '2568')).toEqual(['out/2568/alpha/plan.pdf', 'out/2568/gamma/plan.pdf']);
    const betaJob = first.jobs.find((j) => j.run.runs.some((r) => r.log.includes('beta/plan.yaml')))!;
    expect(betaJob.run.failed).toBe(true);
    expect(betaJob.run.runs.at(-1)!.log).toMatch(new RegExp(`^::error file=reports/2568/beta/plan\\.yaml,line=${errorLine},col=\\d+,title=ita-report schema/unknown-key::`, 'm'));
    expect(first.jobs.filter((j) => j.run.failed)).toEqual([betaJob]);
    const gammaJob = first.jobs.find((j) => Object.values(j.run.artifacts).flat().includes('out/2568/gamma/plan.pdf'))!;
    const gammaWarning = /^::warning file=reports\/2568\/gamma\/plan\.yaml,line=(\d+),col=\d+,title=ita-report plan\/no-results::/m;
    expect(gammaJob.run.runs.at(-1)!.log).toMatch(gammaWarning);
    // Each shard uploads its own documents only.
    for (const j of first.jobs) for (const files of Object.values(j.run.artifacts)) for (const f of files) expect(f.startsWith(`out/${j.year}/`)).toBe(true);

    // Next push: beta fixed, alpha of 2568 deleted; each shard starts from its cache of the last run.
    runner.write({ 'reports/2568/beta/plan.yaml': MINIMAL, 'reports/2568/alpha/plan.yaml': null }, 'fix beta, drop alpha 2568');
    const second = runner.push(runner.git('rev-parse', 'HEAD').trim());
    expect(second.jobs.filter((j) => j.run.failed)).toEqual([]);
    expect(all(second.jobs, '2568')).toEqual(['out/2568/beta/plan.pdf', 'out/2568/gamma/plan.pdf']);
    const gammaAgain = second.jobs.find((j) => j.shard === gammaJob.shard && j.year === '2568')!.run.runs.at(-1)!.log;
    // Not printed again, and its warning is still reported.
    expect(gammaAgain).toContain('reports/2568/gamma/plan.yaml → out/2568/gamma/plan.pdf (up to date)');
    expect(gammaAgain).toMatch(gammaWarning);
    const alphaShard = second.jobs.find((j) => j.run.runs.some((r) => r.log.includes('out/2568/alpha/plan.pdf')))!;
    expect(alphaShard.run.runs.at(-1)!.log).toContain('- out/2568/alpha/plan.pdf (its YAML is gone)');

    // Every run: step of the workflow ran.
    const runSteps = Object.entries(workflow.jobs).flatMap(([name, job]) => job.steps.flatMap((s, i) => (s.run && s.run !== 'npm ci' ? [`${name}#${i}`] : [])));
    expect([...runner.executed].sort()).toEqual(runSteps.sort());
  });

  it('validates nothing, successfully, when a pull request only deletes an authority folder', () => {
    const runner = new Runner();
    runner.write({ 'reports/2568/alpha/plan.yaml': MINIMAL, 'reports/2568/beta/plan.yaml': MINIMAL }, 'base');
    runner.git('checkout', '-q', '-b', 'officer');
    runner.write({ 'reports/2568/beta/plan.yaml': null }, 'drop beta');
    runner.git('checkout', '-q', 'main');
    runner.git('merge', '-q', '--no-ff', '-m', 'merge pull request', 'officer');
    const validate = runner.job('validate', { 'github.event_name': 'pull_request' });
    expect(validate.failed, validate.runs.map((r) => r.stderr).join('\n')).toBe(false);
    expect(validate.runs.at(-1)!.stdout).toContain('No YAML file left in the changed folders.');
  });
});
