/**
 * What an officer's editor shows, checked with the real yaml-language-server (VS Code's
 * YAML extension runs the same engine): the `# yaml-language-server: $schema=…` line that
 * `init` writes (and the examples carry) points at the editor copies of the schemas inside
 * the documents' folder, so after the folder is moved the server still reports a misspelled
 * key, a wrong type, a value not in a list and a date in the wrong form on the right line,
 * in Thai, saying what to type; completes a document's fields with their Thai titles first;
 * and accepts Thai digits and Thai dates as the tool does. `ita-report schema KIND` gives the
 * checks to an editor that is pointed at one self-contained file instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  const made = join(tempDir('editor-'), 'made here');
  expect(runCli(['init', 'plan', '--authority', 'เทศบาลตำบลบ้านใหม่', '--year', '2569', made]).status).toBe(0);
  expect(runCli(['init', 'measures', '--year', '2569', made]).status).toBe(0);
  expect(runCli(['init', 'results', '--year', '2569', made]).status).toBe(0);
  expect(runCli(['init', 'progress', '--plan', join(made, 'plan-2569.yaml'), '--year', '2569', made]).status).toBe(0);
  // Moved to another computer, as a zip would: nothing may point back to where it was made.
  dir = join(tempDir('editor-moved-'), 'เอกสาร ITA ย้ายมา');
  renameSync(made, dir);
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

  it('reports a misspelled key and a wrong type on their lines, in Thai, saying what to type', async () => {
    const original = readFileSync(join(dir, 'plan-2569.yaml'), 'utf8');
    const text = original.replace('            budget:\n', '            budjet:\n').replace('  from: 2569\n', '  from: สองห้าหกเก้า\n');
    const file = join(dir, 'typos.yaml');
    writeFileSync(file, text);
    const diagnostics = await server.open(file, text);
    const typoLine = lineOf(text, 'budjet:');
    const typeLine = lineOf(text, 'from: สองห้าหกเก้า');
    expect(typoLine).toBeGreaterThan(0);
    const typo = at(diagnostics, typoLine).join('\n');
    expect(typo).toMatch(/^ไม่รู้จักชื่อฟิลด์นี้/);
    expect(typo).toContain('budget (งบประมาณรายปี)');
    expect(at(diagnostics, typeLine).join('\n')).toMatch(/ต้องเป็นตัวเลขจำนวนเต็ม.*เช่น 25\d\d/);
    // Nothing in English.
    expect(diagnostics.map((d) => d.message).join('\n')).not.toMatch(/Property|Incorrect type|does not match|Missing property|Value is not accepted/);
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
    expect(at(diagnostics, lineOf(text, 'status: ดำเนินการเสร็จ')).join('\n')).toMatch(/^ใช้ได้เฉพาะค่าใดค่าหนึ่งต่อไปนี้: done, in_progress, .*ยกเลิก/);
    expect(at(diagnostics, lineOf(text, 'budget: 20000')).join('\n')).toMatch(/budget/);
    const hover = await server.hover(file, lineOf(text, 'round:'), 1);
    expect(hover).toContain('รอบการรายงาน');
    expect(hover).toContain('1 ตุลาคม – 31 มีนาคม'.replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d))));
  });

  it('says in Thai which values a list allows, what form a date takes, and which key is missing', async () => {
    const original = readFileSync(join(dir, 'plan-2569.yaml'), 'utf8');
    const text = original.replace('level: ปานกลาง', 'level: กลางๆ').replace(/^issued: .*$/m, 'issued: เดือนหน้า').replace(/^(\s*- )title: หลักการและเหตุผล$/m, '$1titel: หลักการและเหตุผล');
    const diagnostics = await server.open(join(dir, 'plan-messages.yaml'), text);
    expect(at(diagnostics, lineOf(text, 'level: กลางๆ')).join('\n')).toBe('ใช้ได้เฉพาะค่าใดค่าหนึ่งต่อไปนี้: ต่ำ, ปานกลาง, สูง, สูงมาก');
    expect(at(diagnostics, lineOf(text, 'issued: เดือนหน้า')).join('\n')).toMatch(/^เขียนวันที่เป็นปี ค\.ศ\. แบบ ปปปป-ดด-วว หรือเดือน ปปปป-ดด เช่น /);
    const missing = diagnostics.filter((d) => d.message.startsWith('ขาดฟิลด์ที่ต้องมี: title')).map((d) => d.message);
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(/^ขาดฟิลด์ที่ต้องมี: title \(ชื่อหัวข้อ\) เพิ่มบรรทัด title: /);
    expect(diagnostics.map((d) => d.message).join('\n')).not.toMatch(/[A-Z][a-z]+ [a-z]+ (is|does|not)\b/);
  });

  it('accepts Thai digits and dates written the Thai way, as the tool does', async () => {
    const original = readFileSync(join(dir, 'plan-2569.yaml'), 'utf8');
    const text = original.replace('  from: 2569\n', '  from: ๒๕๖๙\n').replace(/^issued: .*$/m, 'issued: ๑ ก.ย. ๒๕๖๘').replace('2569: 20000', '2569: ๒๐๐๐๐');
    const file = join(dir, 'thai-digits.yaml');
    writeFileSync(file, text);
    expect((await server.open(file, text)).map((d) => `${d.range.start.line}: ${d.message}`)).toEqual([]);
    const cli = runCli(['validate', file]);
    expect(cli.status, cli.stderr).toBe(0);
  });

  it('reports a misspelled key in an authority file', async () => {
    const text = readFileSync(join(dir, 'authority.yaml'), 'utf8').replace('province: ลำปาง', 'provnce: ลำปาง');
    const diagnostics = await server.open(join(dir, 'authority-typo.yaml'), text);
    expect(at(diagnostics, lineOf(text, 'provnce:')).join('\n')).toMatch(/^ไม่รู้จักชื่อฟิลด์นี้.*province \(จังหวัด\)/);
  });
});

describe('completion', () => {
  it.each(KINDS)('offers the top-level fields of a %s document', async (kind) => {
    const text = `# yaml-language-server: $schema=.ita-report/${kind}.schema.json\nkind: ${kind}\n\n`;
    const file = join(dir, `new-${kind}.yaml`);
    await server.open(file, text);
    const items = await server.completion(file, 2, 0);
    const expected = Object.keys(schemaOf(kind).properties).filter((k) => k !== 'kind');
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(expected));
    // Each field's documentation starts with its Thai title.
    for (const key of expected) {
      const docText = JSON.stringify(items.find((i) => i.label === key)?.documentation ?? '');
      const title = (schemaOf(kind).properties[key] as { title?: string }).title;
      if (title) expect(docText, key).toContain(`#### ${title}`);
    }
  });

  it('offers the authority fields inside an inline authority: mapping and in an authority file', async () => {
    const text = `# yaml-language-server: $schema=.ita-report/plan.schema.json\nkind: plan\nauthority:\n  name: เทศบาลตำบลบ้านใหม่\n  \n`;
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
    expect(hover).toMatch(/^#### วันที่จัดทำ/);
    expect(hover).toMatch(/ค\.ศ\./);
    // Once, not twice.
    expect(hover.split('วันที่จัดทำ').length - 1).toBe(1);
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
    // The plain schema, for any editor; the Thai-message copy is what init writes.
    expect(run.stdout).not.toContain('errorMessage');
    const bad = runCli(['schema', 'plna']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('หมายถึง plan หรือไม่?');
  });
});

describe('VS Code settings written with the documents', () => {
  it('give a file without the first line its schema, relative to the folder opened', async () => {
    const settings = JSON.parse(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(JSON.parse(readFileSync(join(dir, '.vscode', 'extensions.json'), 'utf8')).recommendations).toContain('redhat.vscode-yaml');
    const opened = new YamlLanguageServer({ schemas: settings['yaml.schemas'] }, dir);
    try {
      await opened.initialize();
      const text = readFileSync(join(dir, 'plan-2569.yaml'), 'utf8').replace(/^# yaml-language-server:.*\n/, '').replace('kind: plan\n', 'kind: plan\nfiscal_yaer: 1\n');
      const file = join(dir, 'plan-copy.yaml');
      writeFileSync(file, text);
      const diagnostics = await opened.open(file, text);
      expect(at(diagnostics, lineOf(text, 'fiscal_yaer')).join('\n')).toMatch(/^ไม่รู้จักชื่อฟิลด์นี้/);
    } finally {
      await opened.close();
    }
  });
});

/** The folders of examples/ that hold documents. */
const exampleFolders = () => readdirSync(join(ROOT, 'examples'), { withFileTypes: true }).filter((e) => e.isDirectory() && readdirSync(join(ROOT, 'examples', e.name)).some((f) => f.endsWith('.yaml'))).map((e) => join(ROOT, 'examples', e.name));

describe('the examples', () => {
  it('carry the yaml-language-server line, pointing at the editor copy inside their own folder', () => {
    const folders = exampleFolders();
    expect(folders.length).toBeGreaterThanOrEqual(3);
    for (const folder of folders) {
      for (const f of readdirSync(folder).filter((n) => n.endsWith('.yaml')).map((n) => join(folder, n))) {
        const text = readFileSync(f, 'utf8');
        const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(text.split('\n')[0]!);
        const kind = /^kind: (\S+)$/m.exec(text)![1];
        expect(m?.[1], f).toBe(`.ita-report/${kind}.schema.json`);
        expect(existsSync(join(folder, m![1]!)), f).toBe(true);
      }
    }
    for (const f of readdirSync(join(ROOT, 'starters')).map((n) => join(ROOT, 'starters', n))) {
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(readFileSync(f, 'utf8').split('\n')[0]!);
      expect(() => readFileSync(new URL(m![1]!, pathToFileURL(f))), f).not.toThrow();
    }
  });

  it.each(exampleFolders().map((f) => [f.split('/').pop()!, f]))('%s: its editor files are those init --editor writes today', (name, folder) => {
    const copy = join(tempDir('example-editor-'), name);
    cpSync(folder, copy, { recursive: true });
    const run = runCli(['init', '--editor', copy]);
    expect(run.status, run.stderr).toBe(0);
    // Regenerate with: node bin/ita-report.js init --editor examples/NAME
    expect(run.stdout, `examples/${name} is out of date: run node bin/ita-report.js init --editor examples/${name}`).toContain('เป็นปัจจุบันอยู่แล้ว');
  });
});

describe('ita-report init --editor DIR', () => {
  it('refreshes our files after an upgrade, merges into VS Code files, and leaves what is not ours alone', () => {
    const folder = join(tempDir('upgrade-'), 'docs');
    cpSync(join(ROOT, 'examples', 'lampang-pao'), folder, { recursive: true });
    const ours = join(folder, '.ita-report', 'plan.schema.json');
    const stale = readFileSync(ours, 'utf8').replace('ไม่รู้จักชื่อฟิลด์นี้', 'OLD');
    writeFileSync(ours, stale);
    const foreign = join(folder, '.ita-report', 'results.schema.json');
    writeFileSync(foreign, '{"title": "my own schema"}\n');
    writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'editor.fontSize': 18, 'yaml.schemas': { './mine.json': 'mine.yaml' } }));
    const extensions = '// my list\n{ "recommendations": [] }\n';
    writeFileSync(join(folder, '.vscode', 'extensions.json'), extensions);
    // A document made by an old version points at the installed package; one in TIS-620 is not touched.
    const doc = join(folder, 'measures-2567.yaml');
    writeFileSync(doc, readFileSync(doc, 'utf8').replace(/^# yaml-language-server:.*$/m, '# yaml-language-server: $schema=/usr/lib/node_modules/ita-report/schemas/measures.schema.json'));
    mkdirSync(join(folder, '2568'));
    const legacy = Buffer.concat([Buffer.from('# yaml-language-server: $schema=../x.json\nkind: plan\nname: '), Buffer.from([0xaa, 0xd7, 0xe8, 0xcd]), Buffer.from('\n')]);
    writeFileSync(join(folder, '2568', 'legacy.yaml'), legacy);

    const run = runCli(['init', '--editor', folder]);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(ours, 'utf8')).not.toContain('OLD');
    expect(readFileSync(foreign, 'utf8')).toBe('{"title": "my own schema"}\n');
    expect(run.stderr).toMatch(/results\.schema\.json ไม่ใช่ไฟล์ที่ ita-report สร้าง จึงไม่เขียนทับ/);
    const settings = JSON.parse(readFileSync(join(folder, '.vscode', 'settings.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(settings['editor.fontSize']).toBe(18);
    expect(settings['yaml.schemas']!['./mine.json']).toBe('mine.yaml');
    expect(settings['yaml.schemas']!['./.ita-report/plan.schema.json']).toBeDefined();
    expect(readFileSync(join(folder, '.vscode', 'extensions.json'), 'utf8')).toBe(extensions);
    expect(run.stderr).toContain('extensions.json');
    expect(readFileSync(doc, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=.ita-report/measures.schema.json');
    expect(readFileSync(join(folder, '2568', 'legacy.yaml')).equals(legacy)).toBe(true);
    // Run again: nothing left to do.
    expect(runCli(['init', '--editor', folder]).stdout).toContain('เป็นปัจจุบันอยู่แล้ว');
    expect(runCli(['init', '--editor', join(folder, 'nowhere')]).status).toBe(2);
  });

  it('points a document in a year subfolder at the schemas of the folder above', () => {
    const folder = tempDir('years-');
    expect(runCli(['init', 'plan', '--year', '2569', folder]).status).toBe(0);
    expect(runCli(['init', 'results', '--year', '2569', join(folder, '2569')]).status).toBe(0);
    expect(readFileSync(join(folder, '2569', 'results-2569.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../.ita-report/results.schema.json');
    expect(existsSync(join(folder, '2569', '.ita-report'))).toBe(false);
    rmSync(join(folder, '.ita-report'), { recursive: true });
    expect(runCli(['init', '--editor', folder]).status).toBe(0);
    expect(existsSync(join(folder, '.ita-report', 'results.schema.json'))).toBe(true);
  });
});
