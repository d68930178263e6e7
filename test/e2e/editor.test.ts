/**
 * What an officer's editor shows, checked with the real yaml-language-server (VS Code's
 * YAML extension runs the same engine): the `# yaml-language-server: $schema=…` line that
 * `init` writes (and the examples carry) makes the server report a misspelled key and a
 * wrong type on the right line, complete a document's top-level fields, and show the
 * Thai description of a field. `ita-report schema KIND` gives the same checks to an
 * editor that is pointed at one self-contained file instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, runCli, tempDir } from '../helpers.js';
import { YamlLanguageServer, type LspDiagnostic } from '../lsp.js';

const KINDS = ['plan', 'measures', 'results', 'progress'] as const;
const schemaOf = (kind: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', `${kind}.schema.json`), 'utf8')) as { properties: Record<string, unknown> };
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
const at = (list: LspDiagnostic[], line: number) => list.filter((d) => d.range.start.line === line).map((d) => d.message);

let server: YamlLanguageServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir('editor-');
  expect(runCli(['init', 'plan', '--authority', 'เทศบาลตำบลบ้านใหม่', '--year', '2569', dir]).status).toBe(0);
  expect(runCli(['init', 'measures', '--year', '2569', dir]).status).toBe(0);
  expect(runCli(['init', 'results', '--year', '2569', dir]).status).toBe(0);
  expect(runCli(['init', 'progress', '--plan', join(dir, 'plan-2569.yaml'), '--year', '2569', dir]).status).toBe(0);
  server = new YamlLanguageServer();
  await server.initialize();
});

afterAll(async () => {
  await server?.close();
});

describe('files made by init, in the language server', () => {
  it('are clean as written, the authority file and its reference included', async () => {
    for (const name of ['plan-2569.yaml', 'measures-2569.yaml', 'results-2569.yaml', 'progress-2569.yaml', 'authority.yaml']) {
      const file = join(dir, name);
      const diagnostics = await server.open(file, readFileSync(file, 'utf8'));
      expect(diagnostics.map((d) => `${d.range.start.line}: ${d.message}`), name).toEqual([]);
    }
  });

  it('reports a misspelled key and a wrong type on their lines', async () => {
    const original = readFileSync(join(dir, 'plan-2569.yaml'), 'utf8');
    const text = original.replace('            budget:\n', '            budjet:\n').replace('  from: 2569\n', '  from: สองห้าหกเก้า\n');
    const file = join(dir, 'typos.yaml');
    writeFileSync(file, text);
    const diagnostics = await server.open(file, text);
    const typoLine = lineOf(text, 'budjet:');
    const typeLine = lineOf(text, 'from: สองห้าหกเก้า');
    expect(typoLine).toBeGreaterThan(0);
    expect(at(diagnostics, typoLine).join('\n')).toMatch(/budjet/);
    expect(at(diagnostics, typeLine).join('\n')).toMatch(/Incorrect type.*integer/);
    // The tool itself says the same, at the same lines (1-based there).
    const cli = runCli(['validate', file]);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`typos.yaml:${typoLine + 1}:`);
    expect(cli.stderr).toContain('หมายถึง "budget" หรือไม่?');
    expect(cli.stderr).toContain(`typos.yaml:${typeLine + 1}:`);
  });

  it('reports a status and a field a progress report does not have, on their lines', async () => {
    const original = readFileSync(join(dir, 'progress-2569.yaml'), 'utf8');
    const text = original.replace('    status: ยังไม่ได้ดำเนินการ\n', '    status: ดำเนินการเสร็จ\n    budget: 20000\n');
    const file = join(dir, 'progress-typos.yaml');
    writeFileSync(file, text);
    const diagnostics = await server.open(file, text);
    expect(at(diagnostics, lineOf(text, 'status: ดำเนินการเสร็จ')).join('\n')).toMatch(/Value is not accepted\. Valid values: "done", "in_progress"/);
    expect(at(diagnostics, lineOf(text, 'budget: 20000')).join('\n')).toMatch(/budget/);
    const hover = await server.hover(file, lineOf(text, 'round:'), 1);
    expect(hover).toContain('รอบการรายงาน');
    expect(hover).toContain('1 ตุลาคม – 31 มีนาคม'.replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d))));
  });

  it('reports a misspelled key in an authority file', async () => {
    const text = readFileSync(join(dir, 'authority.yaml'), 'utf8').replace('province: ลำปาง', 'provnce: ลำปาง');
    const diagnostics = await server.open(join(dir, 'authority-typo.yaml'), text);
    expect(at(diagnostics, lineOf(text, 'provnce:')).join('\n')).toMatch(/provnce/);
  });
});

describe('completion', () => {
  it.each(KINDS)('offers the top-level fields of a %s document', async (kind) => {
    const text = `# yaml-language-server: $schema=${pathToFileURL(join(ROOT, 'schemas', `${kind}.schema.json`)).href}\nkind: ${kind}\n\n`;
    const file = join(dir, `new-${kind}.yaml`);
    await server.open(file, text);
    const labels = (await server.completion(file, 2, 0)).map((i) => i.label);
    const expected = Object.keys(schemaOf(kind).properties).filter((k) => k !== 'kind');
    expect(labels).toEqual(expect.arrayContaining(expected));
  });

  it('offers the authority fields inside an inline authority: mapping and in an authority file', async () => {
    const text = `# yaml-language-server: $schema=${pathToFileURL(join(ROOT, 'schemas/plan.schema.json')).href}\nkind: plan\nauthority:\n  name: เทศบาลตำบลบ้านใหม่\n  \n`;
    const file = join(dir, 'inline-authority.yaml');
    await server.open(file, text);
    const inline = (await server.completion(file, 4, 2)).map((i) => i.label);
    expect(inline).toEqual(expect.arrayContaining(['short_name', 'type', 'district', 'province', 'address', 'website', 'logo', 'head']));
    const authorityText = readFileSync(join(dir, 'authority.yaml'), 'utf8');
    const authorityFile = join(dir, 'authority-complete.yaml');
    await server.open(authorityFile, `${authorityText}\n`);
    const labels = (await server.completion(authorityFile, authorityText.split('\n').length, 0)).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['address', 'website', 'logo', 'extends']));
  });
});

describe('descriptions', () => {
  it('shows the Thai title and description of a field on hover', async () => {
    const file = join(dir, 'plan-2569.yaml');
    const text = readFileSync(file, 'utf8');
    await server.open(file, text);
    const hover = await server.hover(file, lineOf(text, 'issued:'), 1);
    expect(hover).toContain('วันที่จัดทำ');
    expect(hover).toMatch(/ค\.ศ\./);
  });
});

describe('ita-report schema KIND', () => {
  it.each(KINDS)('gives a self-contained %s schema that the language server uses through its settings', async (kind) => {
    const out = tempDir('schema-');
    const schemaFile = join(out, `${kind}.schema.json`);
    const run = runCli(['schema', kind, '-o', schemaFile]);
    expect(run.status).toBe(0);
    const text = readFileSync(schemaFile, 'utf8');
    // Nothing outside the file: every $ref is local, and no reference reaches the network.
    const refs = [...text.matchAll(/"\$ref": "([^"]*)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((r) => r.startsWith('#/'))).toBe(true);
    // A second server, pointed at the file by its settings (no modeline in the document).
    const configured = new YamlLanguageServer({ schemas: { [pathToFileURL(schemaFile).href]: `**/bundled-${kind}.yaml` } });
    try {
      await configured.initialize();
      const docText = readFileSync(join(dir, `${kind}-2569.yaml`), 'utf8').replace(/^# yaml-language-server:.*\n/, '').replace(`kind: ${kind}\n`, `kind: ${kind}\nfiscal_yaer: 1\n`);
      const diagnostics = await configured.open(join(out, `bundled-${kind}.yaml`), docText);
      expect(at(diagnostics, lineOf(docText, 'fiscal_yaer')).join('\n')).toMatch(/fiscal_yaer/);
      expect(diagnostics.filter((d) => !d.message.includes('fiscal_yaer')).map((d) => d.message)).toEqual([]);
    } finally {
      await configured.close();
    }
  });

  it('prints to stdout, and refuses an unknown kind with a suggestion (exit 2)', () => {
    const run = runCli(['schema', 'authority']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).title).toContain('authority');
    const bad = runCli(['schema', 'plna']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('หมายถึง plan หรือไม่?');
  });
});

describe('the examples', () => {
  it('carry the yaml-language-server line, pointing at an existing schema', () => {
    const files = [
      ...readdirSync(join(ROOT, 'examples'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => join(ROOT, 'examples', f)),
      ...readdirSync(join(ROOT, 'starters')).map((f) => join(ROOT, 'starters', f)),
    ];
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) {
      const first = readFileSync(f, 'utf8').split('\n')[0]!;
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, f).not.toBeNull();
      expect(() => readFileSync(new URL(m![1]!, pathToFileURL(f))), f).not.toThrow();
    }
  });
});
