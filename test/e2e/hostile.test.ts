/**
 * ita-report tried as an attacker and as a careless officer would (issue 9): every run ends,
 * a document reads only inside its root folder and only regular files of bounded size, YAML
 * of any shape is a clear error at its line (never exit 3), and no file on disk is lost.
 * Each CLI run is killed after a minute: a run that had to be killed is a hang, and fails.
 * The figures of the whole file (inputs tried, hangs, internal errors) are printed at the end.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument, deriveDocument, writeAtomically } from '../../src/pipeline.js';
import { Printer } from '../../src/print/printer.js';
import { CLI, pdftotext, ROOT, tempDir } from '../helpers.js';
import { CliProcess } from '../child.js';
import { seededRandom } from '../../bench/random.js';

const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');
const INLINE_AUTHORITY = /^authority:\n(  .*\n)+/m;
const AUTHORITY = 'kind: authority\nname: องค์การบริหารส่วนตำบลตัวอย่าง\nprovince: ลำปาง\n';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const tally = { runs: 0, hangs: 0, internalErrors: 0, mutants: 0 };

/** The CLI in English, from `cwd`; killed after a minute (then `signal` is set: a hang). */
function cli(args: string[], cwd?: string, env?: NodeJS.ProcessEnv): Run {
  const run = spawnSync(process.execPath, [CLI, '--lang', 'en', ...args], { cwd, env: env && { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  tally.runs++;
  if (run.signal) tally.hangs++;
  if (run.status === 3) tally.internalErrors++;
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/** Ended by itself with `status`, and said `text`. */
function expectEnded(run: Run, status: number, ...texts: (string | RegExp)[]): void {
  expect(run.signal, `killed: a hang\n${run.stderr}`).toBeNull();
  expect(run.status, run.stdout + run.stderr).toBe(status);
  for (const t of texts) expect(run.stdout + run.stderr).toMatch(t);
}

function mkfifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

/** `top/` holding `docs/plan.yaml` whose authority is `ref` (relative to docs/), plus `files` under top/. */
function layout(ref: string, files: Record<string, string | Buffer> = {}): { top: string; docs: string; plan: string } {
  const top = tempDir('hostile-');
  const docs = join(top, 'docs');
  mkdirSync(docs);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(top, name), content);
  const plan = join(docs, 'plan.yaml');
  writeFileSync(plan, MINIMAL.replace(INLINE_AUTHORITY, `authority: ${ref}\n`));
  return { top, docs, plan };
}

/** A plan whose inline authority has `logo: <logo>`. */
function planWithLogo(dir: string, logo: string): string {
  const plan = join(dir, 'plan.yaml');
  writeFileSync(plan, MINIMAL.replace(INLINE_AUTHORITY, (m) => `${m}  logo: ${logo}\n`));
  return plan;
}

/** A plan with `n` projects, each naming the responsible office through an alias when `alias`. */
function bigPlan(n: number, alias = false): string {
  const head = MINIMAL.slice(0, MINIMAL.indexOf('dimensions:'));
  let text = `${head}dimensions:\n  - name: การสร้างวัฒนธรรมสุจริต\n    missions:\n      - name: การเสริมสร้างจิตสำนึก\n        projects:\n`;
  for (let i = 0; i < n; i++) {
    const responsible = alias ? (i === 0 ? '&r สำนักปลัด' : '*r') : 'สำนักปลัด';
    text += `          - name: โครงการที่ ${i + 1}\n            budget: { 2566: 20000 }\n            rationale: เหตุผล\n            objectives: [เพื่อส่งเสริมคุณธรรม]\n            target_group: บุคลากร\n            method: [จัดอบรม]\n            responsible: ${responsible}\n            outputs: [จัดอบรม 1 ครั้ง]\n            outcomes: บุคลากรมีความรู้\n`;
  }
  return text;
}

const BOMB = `kind: plan\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`).join('\n')}\n`;

afterAll(() => {
  // The figures issue 9 asks for: CLI runs on hostile input, runs that had to be killed, exit 3.
  console.log(`hostile input: ${tally.runs} CLI runs, ${tally.hangs} hangs, ${tally.internalErrors} internal errors; ${tally.mutants} mutated documents checked without an exception`);
});

describe('files a document names', () => {
  it('refuses a document that is a named pipe, a folder or a device, at once', () => {
    const dir = tempDir('hostile-');
    expectEnded(cli(['validate', mkfifo(join(dir, 'pipe.yaml'))]), 1, 'is a named pipe (FIFO), not a regular file');
    // A folder named on the command line is searched for documents, as build does.
    mkdirSync(join(dir, 'folder.yaml'));
    expectEnded(cli(['validate', join(dir, 'folder.yaml')]), 1, 'this folder has no YAML document');
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    expectEnded(cli(['validate', '--root', '/', join(dir, 'zero.yaml')]), 1, 'is a device, not a regular file');
    // build reads the head of each input to tell documents from authority files: no hang either.
    expectEnded(cli(['build', join(dir, 'pipe.yaml')]), 1, 'named pipe');
  });

  it('refuses a folder, a pipe or a text file given as the browser, with a fix, never a crash', () => {
    const dir = tempDir('hostile-');
    const doc = join(ROOT, 'examples/lampang-pao/measures-2567.yaml');
    // A folder passed the "is it executable" test (folders are searchable) and spawning it crashed.
    for (const browser of [dir, mkfifo(join(dir, 'chrome')), '/etc/hostname']) {
      const run = cli(['build', doc, '-o', join(dir, 'out'), '--browser', browser]);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).not.toMatch(/node:events|Unhandled|\n\s+at /);
      expect(run.stderr).toMatch(/--browser|the browser failed to start/);
    }
  });

  it('refuses a file larger than the limit without reading it', () => {
    const file = join(tempDir('hostile-'), 'huge.yaml');
    writeFileSync(file, 'kind: plan\n');
    truncateSync(file, 11 * 1024 * 1024);
    expectEnded(cli(['validate', file]), 1, 'is too large: 11 MB (the limit is 10 MB)');
  });

  it('reports a pipe, a folder or a device named as the authority file at the line that names it', () => {
    const { top, docs, plan } = layout('../authority.yaml');
    mkfifo(join(top, 'authority.yaml'));
    expectEnded(cli(['validate', plan], top), 1, /plan\.yaml:3:12: error: \.\.\/authority\.yaml is a named pipe/);
    writeFileSync(plan, MINIMAL.replace(INLINE_AUTHORITY, 'authority: sub.yaml\n'));
    mkdirSync(join(docs, 'sub.yaml'));
    expectEnded(cli(['validate', plan], top), 1, /plan\.yaml:3:12: error: sub\.yaml is a folder/);
    writeFileSync(plan, MINIMAL.replace(INLINE_AUTHORITY, 'authority: random.yaml\n'));
    symlinkSync('/dev/urandom', join(docs, 'random.yaml'));
    expectEnded(cli(['validate', '--root', '/', plan], top), 1, /plan\.yaml:3:12: error: random\.yaml is a device/);
  });

  it('reports a pipe named by extends: and a pipe or a device named as the logo, at their lines', () => {
    const { top, plan } = layout('../authority.yaml', { 'authority.yaml': `${AUTHORITY}extends: base.yaml\n` });
    mkfifo(join(top, 'base.yaml'));
    expectEnded(cli(['validate', plan], top), 1, /authority\.yaml:4:10: error: base\.yaml is a named pipe/);
    writeFileSync(join(top, 'authority.yaml'), `${AUTHORITY}logo: logo.png\n`);
    mkfifo(join(top, 'logo.png'));
    expectEnded(cli(['validate', plan], top), 1, /authority\.yaml:4:7: error: logo\.png is a named pipe/);
    writeFileSync(join(top, 'authority.yaml'), `${AUTHORITY}logo: zero.png\n`);
    symlinkSync('/dev/zero', join(top, 'zero.png'));
    expectEnded(cli(['validate', '--root', '/', plan], top), 1, /authority\.yaml:4:7: error: zero\.png is a device/);
  });

  it('reports a linked document that is a pipe at the line that names it', () => {
    const dir = tempDir('hostile-');
    writeFileSync(join(dir, 'results.yaml'), readFileSync(join(ROOT, 'test/fixtures/results/linked/results-ok.yaml'), 'utf8'));
    mkfifo(join(dir, 'measures-2568.yaml'));
    expectEnded(cli(['validate', join(dir, 'results.yaml')], dir), 1, /results\.yaml:7:20: error: \.\/measures-2568\.yaml is a named pipe/);
  });
});

describe('the root folder', () => {
  it('lets a document read one folder up when run from there, and says how to widen it otherwise', () => {
    const { top, plan } = layout('../authority.yaml', { 'authority.yaml': AUTHORITY });
    expectEnded(cli(['validate', plan], top), 0);
    // Run from elsewhere: the root is the document's own folder.
    const elsewhere = cli(['validate', plan], tempDir('elsewhere-'));
    expectEnded(elsewhere, 1, /plan\.yaml:3:12: error: \.\.\/authority\.yaml is outside the folder documents may read from \(.*\/docs\)/);
    expect(elsewhere.stderr).toContain(`--root ${top}`);
    expectEnded(cli(['validate', '--root', top, plan], tempDir('elsewhere-')), 0);
    // A document outside a given root may not be read at all.
    expectEnded(cli(['validate', '--root', tempDir('other-'), plan]), 1, 'is outside the folder documents may read from');
  });

  it('never embeds a logo from outside the root, by absolute path or through a link', () => {
    const secret = join(tempDir('secret-'), 'secret.png');
    writeFileSync(secret, PNG);
    const dir = tempDir('hostile-');
    const absolute = planWithLogo(dir, secret);
    expectEnded(cli(['validate', absolute], dir), 1, /plan\.yaml:\d+:\d+: error: .*secret\.png is outside the folder documents may read from/);
    symlinkSync(secret, join(dir, 'logo.png'));
    const linked = planWithLogo(dir, 'logo.png');
    expectEnded(cli(['validate', linked], dir), 1, `logo.png (a link to ${secret}) is outside the folder`);
    const built = cli(['build', linked], dir);
    expectEnded(built, 1);
    expect(existsSync(join(dir, 'plan.pdf'))).toBe(false);
  });

  it('keeps a linked document outside the root out', () => {
    const top = tempDir('hostile-');
    mkdirSync(join(top, 'a'));
    mkdirSync(join(top, 'b'));
    writeFileSync(join(top, 'b/measures-2568.yaml'), readFileSync(join(ROOT, 'test/fixtures/results/linked/measures-2568.yaml'), 'utf8'));
    const results = join(top, 'a/results.yaml');
    writeFileSync(results, readFileSync(join(ROOT, 'test/fixtures/results/linked/results-ok.yaml'), 'utf8').replace('./measures-2568.yaml', '../b/measures-2568.yaml'));
    expectEnded(cli(['validate', results], join(top, 'a')), 1, /results\.yaml:7:20: error: \.\.\/b\/measures-2568\.yaml is outside the folder/);
    expectEnded(cli(['validate', results], top), 0);
  });

  it('serves the page only regular files inside the root, never waiting on a pipe', async () => {
    const outside = join(tempDir('secret-'), 'secret.png');
    writeFileSync(outside, PNG);
    const dir = tempDir('hostile-');
    writeFileSync(join(dir, 'inside.png'), PNG);
    symlinkSync(outside, join(dir, 'link.png'));
    mkfifo(join(dir, 'pipe.png'));
    const printer = await Printer.launch();
    try {
      const html = '<!doctype html><html lang="th"><body><p>ทดสอบ</p><img src="/files/inside.png"><img src="/files/link.png"><img src="/files/pipe.png"></body></html>';
      const result = await printer.print({ file: 'x.yaml', html, meta: { title: 't', author: 'a', subject: 's', keywords: [] }, digits: 'thai', kind: 'plan', baseDir: dir, root: dir, date: new Date(0), producer: 'test' });
      expect(result.loadedFiles).toEqual([join(dir, 'inside.png')]);
      const blocked = result.warnings.map((w) => w.message.en).join('\n');
      expect(blocked).toContain('/files/link.png');
      expect(blocked).toContain('/files/pipe.png');
    } finally {
      await printer.close();
    }
  });

  it('applies the same root in build --watch and preview', async () => {
    const { top, plan } = layout('../authority.yaml', { 'authority.yaml': AUTHORITY });
    const elsewhere = tempDir('elsewhere-');
    const watch = new CliProcess(['--lang', 'en', 'build', '--watch', plan], { cwd: elsewhere });
    try {
      await watch.waitFor(/authority\.yaml is outside the folder documents may read from/);
    } finally {
      await watch.interrupt();
    }
    const preview = new CliProcess(['--lang', 'en', 'preview', '--no-open', '--port', '0', '--root', top, plan], { cwd: elsewhere });
    try {
      await preview.waitFor(/✓ .*plan\.yaml → /);
    } finally {
      await preview.interrupt();
    }
  });
});

describe('logos are images by their bytes', () => {
  it('refuses a text file named .png, and takes a PNG whatever its name', async () => {
    const dir = tempDir('hostile-');
    writeFileSync(join(dir, 'logo.png'), 'this is not an image\n');
    const text = await checkDocument(planWithLogo(dir, 'logo.png'), { root: dir });
    expect(text.diagnostics.map((d) => [d.code, d.line])).toEqual([['authority/logo-not-image', 7]]);
    writeFileSync(join(dir, 'seal.jpg'), PNG);
    const png = await checkDocument(planWithLogo(dir, 'seal.jpg'), { root: dir });
    expect(png.diagnostics).toEqual([]);
    expect((png.doc!.data as { authority: { logo: string } }).authority.logo).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    const dataUrl = await checkDocument(planWithLogo(dir, `data:image/png;base64,${Buffer.from('<script>x</script>').toString('base64')}`), { root: dir });
    expect(dataUrl.diagnostics.map((d) => d.code)).toEqual(['authority/logo-not-image']);
  });
});

describe('YAML of any shape', () => {
  it('expands ordinary aliases, 150 of them', () => {
    const file = join(tempDir('hostile-'), 'plan.yaml');
    writeFileSync(file, bigPlan(150, true));
    expectEnded(cli(['validate', file]), 0);
  });

  it('stops an alias bomb at the alias that crosses the limit, naming the limit', () => {
    const file = join(tempDir('hostile-'), 'bomb.yaml');
    writeFileSync(file, BOMB);
    expectEnded(cli(['validate', file]), 1, /bomb\.yaml:6:\d+: error: the document holds more than 50,000 values, .*with what \*d repeats/);
  });

  it('reports an alias inside what it names, an alias to nothing and deep nesting, never exit 3', () => {
    const dir = tempDir('hostile-');
    const cases: [string, string | RegExp][] = [
      ['kind: plan\na: &a [1, *a]\n', 'lies inside the value &a names'],
      ['kind: plan\na: *nothing\n', 'refers to no anchor &nothing'],
      [`kind: plan\na: ${'['.repeat(100)}${']'.repeat(100)}\n`, 'nested more than 64 levels deep'],
      [`kind: plan\n${Array.from({ length: 70 }, (_, i) => `${' '.repeat(i * 2)}k:`).join('\n')} 1\n`, 'nested more than 64 levels deep'],
      [`kind: plan\na: [${Array(2001).fill('1').join(', ')}]\n`, '2,001 entries, more than the limit of 2,000'],
      [`kind: plan\n${'\n'.repeat(200_000)}`, 'longer than 100,000 lines'],
      [`kind: plan\na: [${'1,'.repeat(1_000_000)}1]\n`, 'more than 50,000 values'],
      ['kind: plan\n__proto__: {polluted: true}\n', 'unknown key "__proto__"'],
    ];
    for (const [i, [text, expected]] of cases.entries()) {
      const file = join(dir, `case${i}.yaml`);
      writeFileSync(file, text);
      expectEnded(cli(['validate', file]), 1, expected);
    }
  });

  it('never throws on real documents mutated at random (what would be exit 3)', async () => {
    const seeds = ['test/fixtures/plan/valid/minimal.yaml', 'examples/lampang-pao/measures-2567.yaml', 'examples/lopburi-city/results-2568.yaml', 'test/fixtures/results/linked/results-ok.yaml'].map((f) => readFileSync(join(ROOT, f), 'utf8'));
    const pieces = [': ', ':', '- ', '&a ', '*a', '[', ']', '{', '}', '"', "'", '\t', '  ', '\n', '|', '>', '#', '!', '!!str ', '%', '`', '?', '---', '\\', '\u0000', 'null', '~', '1e400', '๕', '2568-13-45', '__proto__', 'kind: authority', '<<: *a', '&b [*b]', '.nan'];
    const lines = ['extra: *a', 'loop: &l [*l]', 'kind: authority', 'authority: /dev/zero.yaml', 'measures_document: /etc/passwd', 'x: &a { y: 1 }', '__proto__: { polluted: true }'];
    // A fixed pseudo-random sequence: the same 200 documents every run.
    const next = seededRandom(7);
    const rnd = (n: number) => Math.floor(next() * 4294967296) % n;
    const dir = tempDir('hostile-');
    for (let i = 0; i < 200; i++) {
      let text = seeds[rnd(seeds.length)]!;
      for (let e = 1 + rnd(4); e > 0; e--) {
        const at = rnd(text.length);
        const op = rnd(4);
        if (op === 0) text = text.slice(0, at) + pieces[rnd(pieces.length)] + text.slice(at);
        else if (op === 1) text = text.slice(0, at) + text.slice(at + 1 + rnd(20));
        else if (op === 2) text = `${text.slice(0, text.lastIndexOf('\n', at) + 1)} ${text.slice(text.lastIndexOf('\n', at) + 1)}`;
        else {
          // A whole line, before a top-level key, where it is most likely to be read.
          const keys = [...text.matchAll(/^\w/gm)].map((m) => m.index!);
          const before = keys[rnd(keys.length)] ?? 0;
          text = `${text.slice(0, before)}${lines[rnd(lines.length)]}\n${text.slice(before)}`;
        }
      }
      const file = join(dir, `mutant${i}.yaml`);
      writeFileSync(file, text);
      await expect(deriveDocument(file, { root: dir }), file).resolves.toBeDefined();
      tally.mutants++;
    }
  });

  it('fails a 10,000-project plan fast, naming the limit, and keeps 1,000 projects', () => {
    const dir = tempDir('hostile-');
    writeFileSync(join(dir, 'big.yaml'), bigPlan(10_000));
    const big = cli(['build', join(dir, 'big.yaml')]);
    expectEnded(big, 1, 'more than 50,000 values, the limit for one document');
    expect(existsSync(join(dir, 'big.pdf'))).toBe(false);
    writeFileSync(join(dir, 'thousand.yaml'), bigPlan(1_000));
    expectEnded(cli(['validate', join(dir, 'thousand.yaml')]), 0);
  });

  it('builds the other documents of a batch when one is an alias bomb, then exits 1', () => {
    const dir = tempDir('hostile-');
    writeFileSync(join(dir, 'bomb.yaml'), BOMB);
    writeFileSync(join(dir, 'good.yaml'), MINIMAL);
    const run = cli(['build', dir]);
    expectEnded(run, 1, 'bomb.yaml:6');
    expect(pdftotext(join(dir, 'good.pdf'))).toContain('โครงการอบรมคุณธรรมจริยธรรม');
  });
});

describe('outputs', () => {
  it('refuses two inputs that would write the same PDF before printing anything', () => {
    const dir = tempDir('hostile-');
    writeFileSync(join(dir, 'plan.yaml'), MINIMAL);
    writeFileSync(join(dir, 'plan.yml'), MINIMAL);
    expectEnded(cli(['build', dir]), 2, `${join(dir, 'plan.yaml')} and ${join(dir, 'plan.yml')} would both write ${join(dir, 'plan.pdf')}`);
    expect(existsSync(join(dir, 'plan.pdf'))).toBe(false);
    const trees = tempDir('hostile-');
    for (const t of ['a', 'b']) {
      mkdirSync(join(trees, t));
      writeFileSync(join(trees, t, 'plan.yaml'), MINIMAL);
    }
    expectEnded(cli(['build', join(trees, 'a'), join(trees, 'b'), '-o', join(trees, 'out')]), 2, `would both write ${join(trees, 'out/plan.pdf')}`);
    expect(existsSync(join(trees, 'out'))).toBe(false);
  });

  it('refuses -o naming an existing file, and leaves that file alone', () => {
    const dir = tempDir('hostile-');
    writeFileSync(join(dir, 'plan.yaml'), MINIMAL);
    writeFileSync(join(dir, 'notes.txt'), 'my notes\n');
    expectEnded(cli(['build', join(dir, 'plan.yaml'), '-o', join(dir, 'notes.txt')]), 2, '-o must name a folder');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('my notes\n');
  });

  it('keeps a read-only PDF and a PDF it did not make, unless --force for the latter', () => {
    const dir = tempDir('hostile-');
    writeFileSync(join(dir, 'plan.yaml'), MINIMAL);
    writeFileSync(join(dir, 'plan.pdf'), '%PDF-1.4 the signed original\n');
    expectEnded(cli(['build', join(dir, 'plan.yaml')]), 1, 'plan.pdf exists and was not made by ita-report: not replaced');
    expect(readFileSync(join(dir, 'plan.pdf'), 'utf8')).toBe('%PDF-1.4 the signed original\n');
    expectEnded(cli(['build', '--force', join(dir, 'plan.yaml')]), 0);
    const built = readFileSync(join(dir, 'plan.pdf'));
    chmodSync(join(dir, 'plan.pdf'), 0o444);
    writeFileSync(join(dir, 'plan.yaml'), MINIMAL.replace('โครงการอบรมคุณธรรมจริยธรรม', 'โครงการใหม่'));
    expectEnded(cli(['build', '--force', join(dir, 'plan.yaml')]), 1, 'plan.pdf is read-only: not replaced');
    expect(readFileSync(join(dir, 'plan.pdf')).equals(built)).toBe(true);
  });

  it('keeps the HTML (ITA_REPORT_KEEP_HTML) only over HTML it wrote, and says so otherwise', () => {
    const dir = tempDir('hostile-');
    writeFileSync(join(dir, 'plan.yaml'), MINIMAL);
    const keep = { ITA_REPORT_KEEP_HTML: '1' };
    expectEnded(cli(['build', join(dir, 'plan.yaml')], undefined, keep), 0);
    expect(readFileSync(join(dir, 'plan.html'), 'utf8')).toContain('<meta name="generator" content="ita-report">');
    expectEnded(cli(['build', '--force', join(dir, 'plan.yaml')], undefined, keep), 0);
    writeFileSync(join(dir, 'plan.html'), '<p>the officer’s own page</p>\n');
    const run = cli(['build', '--force', join(dir, 'plan.yaml')], undefined, keep);
    expectEnded(run, 0, 'plan.html exists and was not made by ita-report: not replaced');
    expect(readFileSync(join(dir, 'plan.html'), 'utf8')).toBe('<p>the officer’s own page</p>\n');
  });

  it('writes through uniquely named temporaries and removes those a killed run left', async () => {
    const dir = tempDir('hostile-');
    const target = join(dir, 'x.pdf');
    await Promise.all([writeAtomically(target, Buffer.from('one')), writeAtomically(target, Buffer.from('two'))]);
    expect(['one', 'two']).toContain(readFileSync(target, 'utf8'));
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(join(dir, `.plan.pdf.${dead}-0badc0de.ita-report.tmp`), 'half a PDF');
    writeFileSync(join(dir, `.plan.pdf.${dead}.tmp`), 'half a PDF');
    writeFileSync(join(dir, '.notes.tmp'), 'not ours');
    writeFileSync(join(dir, 'plan.yaml'), MINIMAL);
    expectEnded(cli(['build', join(dir, 'plan.yaml')]), 0);
    expect(readdirSync(dir).sort()).toEqual(['.ita-report-cache.json', '.notes.tmp', 'plan.pdf', 'plan.yaml', 'x.pdf']);
  });

  it('writes a schema only over a schema it wrote, unless --force, and never into a pipe', () => {
    const dir = tempDir('hostile-');
    const mine = join(dir, 'plan.yaml');
    writeFileSync(mine, MINIMAL);
    expectEnded(cli(['schema', 'plan', '-o', mine]), 1, 'plan.yaml exists and was not made by ita-report: not replaced');
    expect(readFileSync(mine, 'utf8')).toBe(MINIMAL);
    const schema = join(dir, 'plan.schema.json');
    expectEnded(cli(['schema', 'plan', '-o', schema]), 0);
    expectEnded(cli(['schema', 'plan', '-o', schema]), 0);
    expect(JSON.parse(readFileSync(schema, 'utf8')).$comment).toContain('ita-report');
    expectEnded(cli(['schema', 'plan', '-o', mine, '--force']), 0);
    expect(statSync(mine).size).toBeGreaterThan(MINIMAL.length);
    expectEnded(cli(['schema', 'plan', '-o', mkfifo(join(dir, 'pipe.json')), '--force']), 1, 'is not a regular file');
  });

  it('writes field pages only over pages it wrote, into a folder', () => {
    const dir = tempDir('hostile-');
    writeFileSync(join(dir, 'plan.md'), '# my notes on the plan\n');
    expectEnded(cli(['fields', '-o', dir]), 1, 'plan.md exists and was not made by ita-report: not replaced');
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toBe('# my notes on the plan\n');
    expect(existsSync(join(dir, 'measures.md'))).toBe(false);
    const pages = join(dir, 'fields');
    expectEnded(cli(['fields', '-o', pages]), 0);
    expectEnded(cli(['fields', '-o', pages]), 0);
    expectEnded(cli(['fields', '-o', join(dir, 'plan.md')]), 2, '-o must name a folder');
  });

  it('refreshes editor files without waiting on a pipe, and leaves a read-only document as it is', () => {
    const dir = tempDir('hostile-');
    mkfifo(join(dir, 'pipe.yaml'));
    const locked = join(dir, 'plan.yaml');
    writeFileSync(locked, `# yaml-language-server: $schema=../old/plan.schema.json\n${MINIMAL.split('\n').slice(1).join('\n')}`);
    chmodSync(locked, 0o444);
    const before = readFileSync(locked, 'utf8');
    expectEnded(cli(['init', '--editor', dir]), 0, 'plan.yaml is read-only: not replaced');
    expect(readFileSync(locked, 'utf8')).toBe(before);
  });
});

describe('words', () => {
  it('calls random bytes "not UTF-8 text", not TIS-620', () => {
    const file = join(tempDir('hostile-'), 'random.yaml');
    // Fixed pseudo-random bytes (a linear congruential generator), so the test is the same every time.
    let x = 12345;
    writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, () => (x = (x * 1103515245 + 12345) % 2 ** 31) >> 23)));
    const run = cli(['validate', file]);
    expectEnded(run, 1, 'the file is not UTF-8 text');
    expect(run.stderr).not.toContain('TIS-620');
  });

  it('never suggests another invalid date for a Buddhist-era one', async () => {
    const file = join(tempDir('hostile-'), 'measures.yaml');
    writeFileSync(file, readFileSync(join(ROOT, 'examples/lampang-pao/measures-2567.yaml'), 'utf8').replace('date: 2024-01-10', 'date: 2568-13-45'));
    const { diagnostics } = await deriveDocument(file);
    const d = diagnostics.find((x) => x.code === 'date/buddhist-year')!;
    expect(d.hint!.en).not.toContain('2025-13-45');
    expect(d.hint!.en).toContain('check the month (01–12) and day');
    expect(d.hint!.th).not.toContain('2025-13-45');
    writeFileSync(file, readFileSync(file, 'utf8').replace('date: 2568-13-45', 'date: 2567-01-10'));
    const fixable = (await deriveDocument(file)).diagnostics.find((x) => x.code === 'date/buddhist-year')!;
    expect(fixable.hint!.en).toContain('write 2024-01-10');
  });
});
