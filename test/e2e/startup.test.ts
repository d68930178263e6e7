/**
 * The commands an editor runs on every save start fast: validate, schema, kinds and init
 * load neither the browser driver nor the PDF library nor the schema compiler (the schemas
 * come compiled by `npm run build`). Checked by recording every module the CLI imports.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { CLI, ROOT, tempDir } from '../helpers.js';

const PLAN = join(ROOT, 'examples/lampang-pao/plan-2566-2570.yaml');

/** Runs the CLI with a module hook that writes every resolved module URL to a file; returns them. */
function importsOf(args: string[], cwd: string): { status: number | null; urls: string[]; output: string } {
  const dir = tempDir('imports-');
  const trace = join(dir, 'trace.txt');
  writeFileSync(trace, '');
  const hooks = `import { appendFileSync } from 'node:fs'; export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(trace)}, r.url + '\\n'); return r; }`;
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});\n`);
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, urls: readFileSync(trace, 'utf8').split('\n').filter(Boolean), output: run.stdout + run.stderr };
}

const HEAVY = [/puppeteer/, /pdf-lib/, /handlebars/, /markdown-it/, /\/validate\/compile\.js$/, /ajv\/dist\/(2020|core|compile)/, /\/(dist|src)\/print\//];

describe('commands that print nothing load nothing of the printing', () => {
  const cases: [string, string[]][] = [
    ['validate', ['validate', PLAN]],
    ['schema', ['schema', 'plan']],
    ['kinds', ['kinds']],
    ['init', ['init', 'plan', '--authority', 'เทศบาลตำบลตัวอย่าง', '--year', '2569', 'docs']],
  ];
  for (const [name, args] of cases) {
    it(name, () => {
      const run = importsOf(args, tempDir('cwd-'));
      expect(run.status, run.output).toBe(0);
      // The hook saw the CLI's own modules (so an empty list cannot pass by accident).
      expect(run.urls.some((u) => u.endsWith('/cli/index.js')), run.urls.join('\n')).toBe(true);
      const heavy = run.urls.filter((u) => HEAVY.some((re) => re.test(u)));
      expect(heavy).toEqual([]);
    });
  }

  it('validate uses the schemas compiled at build time', () => {
    const run = importsOf(['validate', PLAN], ROOT);
    expect(run.status, run.output).toBe(0);
    expect(run.urls.filter((u) => u.endsWith('/validate/compiled-schemas.js'))).toHaveLength(1);
  });
});
