/**
 * Install anywhere, download nothing: `npm pack` of a fresh clone (the committed tree,
 * compiled by the package's prepare step) gives a package that, installed globally into a
 * folder of its own (dependencies from the npm cache where it has them; no browser is
 * downloaded), validates and builds documents from any other folder, with its schemas,
 * templates, starters and examples.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pdftotext, ROOT, tempDir } from '../helpers.js';

let prefix: string;
let work: string;
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PUPPETEER_') && !k.startsWith('npm_')));

/** Runs the installed command the way an officer would, from a folder of documents. */
function installed(args: string[]) {
  const run = spawnSync(join(prefix, 'bin', 'ita-report'), args, { cwd: work, encoding: 'utf8', env });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function allNames(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

beforeAll(() => {
  const root = tempDir('package-');
  const clone = join(root, 'clone');
  execFileSync('git', ['clone', '--quiet', ROOT, clone]);
  // The dependencies of the clone are those of this checkout (the clone needs them to compile).
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
  execFileSync('npm', ['pack', '--pack-destination', root, '--loglevel=error'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = readdirSync(root).find((f) => /^ita-report-.*\.tgz$/.test(f))!;
  prefix = join(root, 'prefix');
  execFileSync('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(root, tarball)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  work = tempDir('officer-');
}, 300_000);


describe('the packed package, installed', () => {
  const pkg = () => join(prefix, 'lib', 'node_modules', 'ita-report');

  it('carries the compiled code, schemas, templates, starters, examples and the locked dependency versions', () => {
    for (const part of ['dist/cli/index.js', 'schemas/plan.schema.json', 'templates/official.css', 'starters/plan.yaml', 'examples/lopburi-city/results-2568.yaml', 'examples/lopburi-city/.ita-report/results.schema.json', 'docs/fields/plan.md', 'npm-shrinkwrap.json']) {
      expect(existsSync(join(pkg(), part)), part).toBe(true);
    }
    // No browser came with it.
    expect(allNames(prefix).filter((n) => /(^|\/)(chrome|chrome\.exe|chromium|chrome-(linux|win|mac)[\w-]*)$/i.test(n))).toEqual([]);
  });

  it('validates and builds from another folder', () => {
    cpSync(join(pkg(), 'examples', 'lopburi-city'), join(work, 'lopburi-city'), { recursive: true });
    const validate = installed(['validate', 'lopburi-city']);
    expect(validate.status, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('ถูกต้อง');
    const build = installed(['build', 'lopburi-city', '-o', 'out']);
    expect(build.status, build.stderr).toBe(0);
    expect(pdftotext(join(work, 'out', 'results-2568.pdf'))).toContain('ลพบุรี');
  });

  it('writes a starter with its editor files, which validates as it is', () => {
    const init = installed(['init', 'plan', '--authority', 'เทศบาลตำบลบ้านใหม่', '--year', '2569', 'เอกสาร ITA']);
    expect(init.status, init.stderr).toBe(0);
    expect(existsSync(join(work, 'เอกสาร ITA', '.ita-report', 'plan.schema.json'))).toBe(true);
    const validate = installed(['validate', 'เอกสาร ITA']);
    expect(validate.status, validate.stderr).toBe(0);
  });
});

/**
 * From a git URL: `npm pack git+…` (npm clones the committed tree, installs its dependencies
 * and compiles it with the prepare step) and a global install of that tarball. A global
 * install straight from the URL cannot work for any package that compiles: npm's inner
 * install then installs no dependencies for the prepare step (npm/cli#8440), which is why the
 * README gives these two steps.
 */
describe('the package packed from a git URL, installed', () => {
  it('validates and builds from another folder', () => {
    const root = tempDir('package-git-');
    execFileSync('npm', ['pack', `git+file://${ROOT}`, '--prefer-offline', '--loglevel=error'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tarball = readdirSync(root).find((f) => /^ita-report-.*\.tgz$/.test(f))!;
    const gitPrefix = join(root, 'prefix');
    execFileSync('npm', ['install', '--global', '--prefix', gitPrefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(root, tarball)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const officer = tempDir('officer-git-');
    cpSync(join(gitPrefix, 'lib', 'node_modules', 'ita-report', 'examples', 'na-di-ngam'), join(officer, 'na-di-ngam'), { recursive: true });
    const run = (args: string[]) => spawnSync(join(gitPrefix, 'bin', 'ita-report'), args, { cwd: officer, encoding: 'utf8', env });
    const validate = run(['validate', 'na-di-ngam']);
    expect(validate.status, validate.stderr).toBe(0);
    const build = run(['build', 'na-di-ngam', '-o', 'out']);
    expect(build.status, build.stderr).toBe(0);
    expect(pdftotext(join(officer, 'out', 'results-2568.pdf'))).toContain('นาดีงาม');
  }, 300_000);
});
