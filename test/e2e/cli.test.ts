/** The command line as officers and CI meet it: exit codes, messages, the browser, safety. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Printer } from '../../src/print/printer.js';
import { pdftotext, ROOT, runCli, tempDir, yamlFile } from '../helpers.js';

const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');
const NO_BROWSER_ENV = { PATH: '/nonexistent', PUPPETEER_EXECUTABLE_PATH: '', PUPPETEER_CACHE_DIR: '/nonexistent' };

describe('exit codes and messages', () => {
  it('exits 2 on a usage error and 1 on an invalid document, without a stack trace', () => {
    expect(runCli(['build']).status).toBe(2);
    expect(runCli(['validate', '--no-such-option', 'x.yaml']).status).toBe(2);
    const bad = yamlFile(MINIMAL.replace('level: ปานกลาง', 'level: กลาง'));
    const run = runCli(['validate', bad]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/doc\.yaml:20:16: ข้อผิดพลาด: ค่า "กลาง" ใช้ไม่ได้/);
    expect(run.stderr).toContain('วิธีแก้: หมายถึง "ปานกลาง" หรือไม่?');
    expect(run.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });

  it('speaks English with --lang en', () => {
    const run = runCli(['--lang', 'en', 'validate', yamlFile(MINIMAL.replace('kind: plan', 'kind: plna'))]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('error: unknown document kind "plna"');
    expect(run.stderr).toContain('did you mean plan?');
  });

  it('reports a misspelt required key once, at the typo, not also as missing', () => {
    const run = runCli(['--lang', 'en', 'validate', yamlFile(MINIMAL.replace('preface: |', 'prefase: |'))]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/doc\.yaml:11:1: error: unknown key "prefase"/);
    expect(run.stderr).toContain('did you mean "preface"?');
    expect(run.stderr).not.toContain('missing required key');
  });

  it('reports a missing file and a file that is not a document', () => {
    const missing = runCli(['validate', join(tempDir(), 'nope.yaml')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('ไม่พบไฟล์');
    const list = runCli(['validate', yamlFile('- a\n- b\n')]);
    expect(list.status).toBe(1);
    expect(list.stderr).toContain('ไม่ใช่เอกสาร');
  });

  it('validates without any browser on the machine', () => {
    const run = runCli(['validate', yamlFile(MINIMAL)], NO_BROWSER_ENV);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ถูกต้อง');
  });

  it('says how to install a browser when there is none, and writes nothing', () => {
    const file = yamlFile(MINIMAL);
    const run = runCli(['build', file], NO_BROWSER_ENV);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('apt-get install chromium');
    expect(run.stderr).toContain('--browser');
    expect(existsSync(file.replace(/\.yaml$/, '.pdf'))).toBe(false);
  });
});

describe('what gets printed', () => {
  it('prints raw HTML typed in YAML as text and never interprets it', () => {
    const file = yamlFile(MINIMAL.replace('body: ประเมินความเสี่ยงในการปฏิบัติงานของหน่วยงาน', 'body: "ตัวอย่าง <b>ตัวหนา</b> <script>alert(1)</script> **จริง**"'));
    const out = tempDir();
    expect(runCli(['build', file, '-o', out]).status).toBe(0);
    const text = pdftotext(join(out, 'doc.pdf'));
    expect(text).toContain('<b>ตัวหนา</b>');
    expect(text).toContain('<script>alert(๑)</script>');
    expect(text).toContain('จริง');
    expect(text).not.toContain('**จริง**');
  });

  it('fails the build naming a character the Sarabun font cannot draw', () => {
    const file = yamlFile(MINIMAL.replace('body: ประเมินความเสี่ยงในการปฏิบัติงานของหน่วยงาน', 'body: ประเมินความเสี่ยง 漢 ของหน่วยงาน'));
    const run = runCli(['build', file, '-o', tempDir()]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('"漢" (U+6F22)');
    expect(run.stderr).toContain('Sarabun');
  });

  it('blocks every request that is not one of the tool\'s own files', async () => {
    const printer = await Printer.launch();
    try {
      const html = '<!doctype html><html lang="th"><head><link rel="stylesheet" href="https://fonts.example.org/x.css"></head><body><p>ทดสอบ</p><img src="http://192.0.2.1/logo.png"><img src="/files/../../etc/passwd"></body></html>';
      const dir = tempDir();
      const result = await printer.print({ file: 'x.yaml', html, meta: { title: 't', author: 'a', subject: 's', keywords: [] }, digits: 'thai', kind: 'plan', baseDir: dir, root: dir, date: new Date(0), producer: 'test' });
      const blocked = result.warnings.filter((w) => w.code === 'print/blocked-request').map((w) => w.message.en);
      expect(blocked.some((m) => m.includes('https://fonts.example.org/x.css'))).toBe(true);
      expect(blocked.some((m) => m.includes('http://192.0.2.1/logo.png'))).toBe(true);
      expect(result.loadedFiles).toEqual([]);
      expect(Buffer.from(result.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await printer.close();
    }
  });
});
