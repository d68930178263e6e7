/**
 * Inputs of build and validate: files, folders and patterns expanded by the tool itself
 * (braces, `**`, `!exclusions`), with authority files and YAML without `kind:` passed over
 * and listed, and Windows patterns (backslashes, drive letters) read as Windows users type them.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expandInputs, splitPattern, toGlobPattern } from '../../src/batch/inputs.js';
import { tempDir } from '../helpers.js';

const DOC = 'kind: plan\n';

function tree(files: Record<string, string>): string {
  const root = tempDir('inputs-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const names = (root: string, list: { file: string }[]) => list.map((i) => path.relative(root, i.file).split(path.sep).join('/'));

describe('expandInputs', () => {
  const root = tree({
    'reports/2566/plan.yaml': DOC,
    'reports/2567/plan.yaml': DOC,
    'reports/2567/authority.yaml': 'kind: authority\nname: x\n',
    'reports/2568/results.yml': 'kind: results\n',
    'reports/2568/drafts/plan.yaml': DOC,
    'reports/2568/ci.yaml': 'on: push\n',
    'reports/2568/notes.txt': DOC,
    'reports/node_modules/x/plan.yaml': DOC,
    'reports/.hidden/plan.yaml': DOC,
    'เอกสาร (ร่าง) 2568/แผน ฉบับที่ 1.yaml': DOC,
  });
  const at = (p: string) => path.join(root, p);

  it('expands braces and ** from the folder before the first wildcard, mirroring the tree below it', async () => {
    const { inputs, skipped, diagnostics } = await expandInputs([at('reports/{2567,2568}/**/*.{yaml,yml}')]);
    expect(diagnostics).toEqual([]);
    expect(names(root, inputs)).toEqual(['reports/2567/plan.yaml', 'reports/2568/drafts/plan.yaml', 'reports/2568/results.yml']);
    expect(inputs.map((i) => i.relativeOutput.split(path.sep).join('/'))).toEqual(['2567/plan.pdf', '2568/drafts/plan.pdf', '2568/results.pdf']);
    // Quoted globs pass over authority files and other YAML as folders do, and say so.
    expect(skipped.map((s) => [names(root, [s])[0], s.reason])).toEqual([
      ['reports/2567/authority.yaml', 'authority'],
      ['reports/2568/ci.yaml', 'not-a-document'],
    ]);
  });

  it('leaves out what a !pattern matches, from folders and patterns alike', async () => {
    const { inputs } = await expandInputs([at('reports'), `!${path.join(root, 'reports/2568/drafts/**').split(path.sep).join('/')}`]);
    expect(names(root, inputs)).toEqual(['reports/2566/plan.yaml', 'reports/2567/plan.yaml', 'reports/2568/results.yml']);
    // Relative to the current folder, as typed.
    const cwd = process.cwd();
    process.chdir(at('reports'));
    try {
      const rel = await expandInputs(['**/*.yaml', '!2568/drafts/**', '!2566/**']);
      expect(rel.inputs.map((i) => i.file.split(path.sep).join('/'))).toEqual(['2567/plan.yaml']);
    } finally {
      process.chdir(cwd);
    }
  });

  it('never searches node_modules or dot folders', async () => {
    const { inputs } = await expandInputs([at('reports')]);
    expect(names(root, inputs).some((n) => n.includes('node_modules') || n.includes('.hidden'))).toBe(false);
  });

  it('takes an existing path literally, even with Thai letters, spaces and brackets', async () => {
    const { inputs, diagnostics } = await expandInputs([at('เอกสาร (ร่าง) 2568/แผน ฉบับที่ 1.yaml'), at('เอกสาร (ร่าง) 2568')]);
    expect(diagnostics).toEqual([]);
    expect(names(root, inputs)).toEqual(['เอกสาร (ร่าง) 2568/แผน ฉบับที่ 1.yaml']);
  });

  it('says when a pattern matches nothing, and when only an authority file was named', async () => {
    expect((await expandInputs([at('reports/25*/*.pdf')])).diagnostics.map((d) => d.code)).toEqual(['input/not-found']);
    expect((await expandInputs([at('reports/2567/authority.yaml')])).diagnostics.map((d) => d.code)).toEqual(['input/authority-file']);
    // validate checks an authority file named on its own.
    const v = await expandInputs([at('reports/2567/authority.yaml')], { explicitAuthority: true });
    expect(v.diagnostics).toEqual([]);
    expect(names(root, v.inputs)).toEqual(['reports/2567/authority.yaml']);
  });
});

describe('patterns as typed on Windows', () => {
  it('reads backslashes as folder separators and keeps the drive letter in the base', () => {
    const pattern = toGlobPattern('C:\\Users\\สมหญิง\\เอกสาร ITA\\{2567,2568}\\**\\*.yaml', path.win32);
    expect(pattern).toBe('C:/Users/สมหญิง/เอกสาร ITA/{2567,2568}/**/*.yaml');
    expect(splitPattern(pattern)).toEqual({ base: 'C:/Users/สมหญิง/เอกสาร ITA', glob: '{2567,2568}/**/*.yaml' });
    expect(splitPattern(toGlobPattern('reports\\*.yaml', path.win32))).toEqual({ base: 'reports', glob: '*.yaml' });
    expect(splitPattern('*.yaml')).toEqual({ base: '.', glob: '*.yaml' });
    // On POSIX a backslash stays what it is there.
    expect(toGlobPattern('a\\*.yaml', path.posix)).toBe('a\\*.yaml');
  });
});
