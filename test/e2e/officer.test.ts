/**
 * An officer's first steps, through the command line: `init` writes a starter that
 * validates and builds as it is, the authority's details live in one file that every
 * document refers to, and the ways a text editor can spoil a file (TIS-620, UTF-16,
 * a tab, a BOM, Windows line endings) get a message that says what to do — or just work.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pdftotext, ROOT, runCli, tempDir, toThaiDigits, yamlFile } from '../helpers.js';

const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');

/** Thai text in the legacy encoding TIS-620 / Windows-874 (U+0E01–U+0E5B → 0xA1–0xFB). */
function tis620(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c >= 0x0e01 && c <= 0x0e5b) bytes.push(c - 0x0e00 + 0xa0);
    else throw new Error(`not in TIS-620: ${ch}`);
  }
  return Buffer.from(bytes);
}

describe('ita-report init', () => {
  it('writes a starter and an authority file it refers to, with Thai comments and the editor line', () => {
    const dir = join(tempDir('init-'), 'mydir');
    const run = runCli(['init', 'plan', '--authority', 'เทศบาลตำบลตัวอย่าง', '--year', '2569', dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('plan-2569.yaml');
    const doc = readFileSync(join(dir, 'plan-2569.yaml'), 'utf8');
    const authority = readFileSync(join(dir, 'authority.yaml'), 'utf8');
    expect(doc).toMatch(/^authority: authority\.yaml$/m);
    expect(doc).toMatch(/^period:\n {2}from: 2569\n {2}to: 2573$/m);
    expect(authority).toMatch(/^kind: authority$/m);
    expect(authority).toMatch(/^name: เทศบาลตำบลตัวอย่าง$/m);
    expect(authority).toMatch(/^short_name: ทต\.ตัวอย่าง$/m);
    expect(authority).toMatch(/^ {2}title: นายกเทศมนตรีตำบลตัวอย่าง$/m);
    // Comments in Thai explain the fields.
    expect(doc.split('\n').filter((l) => /^\s*#.*[\u0E00-\u0E7F]/.test(l)).length).toBeGreaterThan(10);
    // The editor line points at the editor copy of the schema inside the folder.
    for (const [file, text, kind] of [[join(dir, 'plan-2569.yaml'), doc, 'plan'], [join(dir, 'authority.yaml'), authority, 'authority']] as const) {
      const m = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text);
      expect(m).not.toBeNull();
      expect(m![1]).toBe(`.ita-report/${kind}.schema.json`);
      expect(existsSync(new URL(m![1]!, pathToFileURL(file)))).toBe(true);
    }
  });

  it('refuses to overwrite an existing file (exit 1, Thai message) and leaves it as it was', () => {
    const dir = tempDir('init-');
    expect(runCli(['init', 'results', '--year', '2569', dir]).status).toBe(0);
    writeFileSync(join(dir, 'results-2569.yaml'), 'kind: results # my work\n');
    const again = runCli(['init', 'results', '--year', '2569', dir]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('อยู่แล้ว จึงไม่เขียนทับ');
    expect(readFileSync(join(dir, 'results-2569.yaml'), 'utf8')).toBe('kind: results # my work\n');
    expect(runCli(['--lang', 'en', 'init', 'results', '--year', '2569', dir]).stderr).toContain('already exists');
  });

  it('takes the current Thai fiscal year by default: October to December count toward the next', () => {
    const dir = tempDir('init-');
    expect(runCli(['init', 'results', dir], { ITA_REPORT_TODAY: '2026-09-30' }).status).toBe(0);
    expect(runCli(['init', 'results', dir], { ITA_REPORT_TODAY: '2026-10-01' }).status).toBe(0);
    expect(existsSync(join(dir, 'results-2569.yaml'))).toBe(true);
    expect(existsSync(join(dir, 'results-2570.yaml'))).toBe(true);
    expect(readFileSync(join(dir, 'results-2570.yaml'), 'utf8')).toMatch(/^fiscal_year: 2570$/m);
  });

  it('uses the authority file of the parent folder when there is one', () => {
    const root = tempDir('init-');
    expect(runCli(['init', 'authority', '--authority', 'องค์การบริหารส่วนตำบลบ้านใหม่', root]).status).toBe(0);
    const year = join(root, '2569');
    const run = runCli(['init', 'measures', '--year', '2569', year]);
    expect(run.status).toBe(0);
    expect(existsSync(join(year, 'authority.yaml'))).toBe(false);
    expect(readFileSync(join(year, 'measures-2569.yaml'), 'utf8')).toMatch(/^authority: \.\.\/authority\.yaml$/m);
    expect(readFileSync(join(root, 'authority.yaml'), 'utf8')).toMatch(/^short_name: อบต\.บ้านใหม่$/m);
    // Run from the documents' folder: ../authority.yaml lies inside it (the root, load/files.ts).
    expect(runCli(['validate', join(year, 'measures-2569.yaml')], {}, root).status).toBe(0);
  });

  it('explains a wrong kind or year (exit 2)', () => {
    const dir = tempDir('init-');
    const kind = runCli(['init', 'plna', dir]);
    expect(kind.status).toBe(2);
    expect(kind.stderr).toContain('หมายถึง plan หรือไม่?');
    const year = runCli(['init', 'plan', '--year', '2026', dir]);
    expect(year.status).toBe(2);
    expect(year.stderr).toContain('ค.ศ.');
    expect(year.stderr).toContain('2569');
  });

  it.each(['plan', 'measures', 'results'])('gives a %s starter that validates and builds as it is', (kind) => {
    const dir = tempDir('init-');
    expect(runCli(['init', kind, '--authority', 'เทศบาลเมืองตัวอย่าง', '--year', '2569', dir]).status).toBe(0);
    const file = join(dir, `${kind}-2569.yaml`);
    const validate = runCli(['validate', file]);
    expect(validate.status, validate.stderr).toBe(0);
    // Only warnings: the starter's texts in brackets, each at its line, still to be replaced.
    expect(validate.stderr).not.toContain('ข้อผิดพลาด:');
    expect(validate.stderr).toMatch(/:\d+:\d+: คำเตือน: ยังเป็นข้อความจากไฟล์เริ่มต้น: \(/);
    const build = runCli(['build', file]);
    expect(build.status, build.stderr).toBe(0);
    const text = pdftotext(join(dir, `${kind}-2569.pdf`));
    expect(text).toContain('เทศบาลเมืองตัวอย่าง');
    expect(text).toContain(toThaiDigits('2569'));
  });
});

describe('the authority file through the command line', () => {
  it('builds a folder without building the authority file, and rebuilds when only the authority file changed', () => {
    const dir = tempDir('authority-');
    writeFileSync(join(dir, 'authority.yaml'), 'kind: authority\nname: องค์การบริหารส่วนตำบลแม่ทะ\nprovince: ลำปาง\n');
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs/plan.yaml'), MINIMAL.replace(/^authority:\n(  .*\n)+/m, 'authority: ../authority.yaml\n'));
    // Run from the documents' folder: ../authority.yaml lies inside it (the root, load/files.ts).
    const first = runCli(['build', dir], {}, dir);
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync(join(dir, 'authority.pdf'))).toBe(false);
    expect(pdftotext(join(dir, 'docs/plan.pdf'))).toContain('องค์การบริหารส่วนตำบลแม่ทะ');
    expect(runCli(['build', join(dir, 'docs/plan.yaml')], {}, dir).stdout).toContain('ไม่มีการเปลี่ยนแปลง');
    writeFileSync(join(dir, 'authority.yaml'), 'kind: authority\nname: องค์การบริหารส่วนตำบลป่าตัน\nprovince: ลำปาง\n');
    const second = runCli(['build', join(dir, 'docs/plan.yaml')], {}, dir);
    expect(second.stdout).toMatch(/^✓ /m);
    expect(pdftotext(join(dir, 'docs/plan.pdf'))).toContain('องค์การบริหารส่วนตำบลป่าตัน');
    // Building only the authority file is a usage mistake with a hint.
    const alone = runCli(['build', join(dir, 'authority.yaml')]);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('kind: authority');
  });
});

describe('files as text editors save them', () => {
  it('explains a file saved in TIS-620 (Windows-874) and how to save it as UTF-8', () => {
    const file = join(tempDir(), 'tis.yaml');
    writeFileSync(file, tis620('kind: plan\nauthority:\n  name: องค์การบริหารส่วนตำบลตัวอย่าง\n'));
    const th = runCli(['validate', file]);
    expect(th.status).toBe(1);
    expect(th.stderr).toContain('TIS-620');
    expect(th.stderr).toContain('ไม่ใช่ UTF-8');
    expect(th.stderr).toMatch(/วิธีแก้: .*Save As.*UTF-8/);
    const en = runCli(['--lang', 'en', 'validate', file]);
    expect(en.stderr).toContain('legacy Thai encoding');
    expect(en.stderr).toMatch(/fix: .*UTF-8/);
  });

  it('names the authority file when it is the one saved in TIS-620', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'authority.yaml'), tis620('kind: authority\nname: องค์การบริหารส่วนตำบลตัวอย่าง\n'));
    writeFileSync(join(dir, 'plan.yaml'), MINIMAL.replace(/^authority:\n(  .*\n)+/m, 'authority: authority.yaml\n'));
    const run = runCli(['validate', join(dir, 'plan.yaml')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/authority\.yaml: ข้อผิดพลาด: ไฟล์ถูกบันทึกเป็นภาษาไทยแบบเก่า/);
  });

  it('explains a file saved as UTF-16', () => {
    const file = join(tempDir(), 'utf16.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: plan\n', 'utf16le')]));
    const run = runCli(['validate', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('UTF-16');
    expect(run.stderr).toContain('UTF-8');
  });

  it('points at a tab used for indentation and says to use spaces', () => {
    const text = MINIMAL.replace('  short_name: อบต.ตัวอย่าง', '\tshort_name: อบต.ตัวอย่าง');
    const run = runCli(['validate', yamlFile(text)]);
    expect(run.status).toBe(1);
    const line = text.split('\n').findIndex((l) => l.startsWith('\t')) + 1;
    expect(run.stderr).toMatch(new RegExp(`doc\\.yaml:${line}:\\d+: ข้อผิดพลาด: มีอักขระแท็บ \\(Tab\\)`));
    expect(run.stderr).toContain('เว้นวรรค 2 ช่อง');
    expect(runCli(['--lang', 'en', 'validate', yamlFile(text)]).stderr).toMatch(/tab character .*\n\s+fix: replace the tab with spaces/);
  });

  it('reads a file with a BOM and Windows line endings like any other, and prints it', () => {
    const file = yamlFile(`\uFEFF${MINIMAL.replace(/\n/g, '\r\n')}`);
    const run = runCli(['validate', file]);
    expect(run.status, run.stderr).toBe(0);
    const out = tempDir();
    expect(runCli(['build', file, '-o', out]).status).toBe(0);
    expect(pdftotext(join(out, 'doc.pdf'))).toContain('องค์การบริหารส่วนตำบลตัวอย่าง');
  });

  it('suggests the nearest key for a typo, at its line', () => {
    const text = MINIMAL.replace('                budget:', '                budjet:');
    const run = runCli(['validate', yamlFile(text)]);
    expect(run.status).toBe(1);
    const line = text.split('\n').findIndex((l) => l.includes('budjet:')) + 1;
    expect(run.stderr).toContain(`doc.yaml:${line}:17: ข้อผิดพลาด: ไม่รู้จักฟิลด์ "budjet"`);
    expect(run.stderr).toContain('หมายถึง "budget" หรือไม่?');
  });
});
