/**
 * validate and build agree: both take files, folders and patterns; YAML without `kind:`
 * and authority files are passed over and listed (--verbose) and counted; every run ends
 * with a line of counts, warnings included, even when every document fails; --json has
 * the totals; starter text left in a document is a warning at its line, and --strict
 * makes it an error (nothing unfinished gets published from CI).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDir } from '../helpers.js';

const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');
let dir: string;

beforeAll(() => {
  dir = tempDir('validate-');
  expect(runCli(['init', 'plan', '--authority', 'เทศบาลตำบลบ้านใหม่', '--year', '2569', dir]).status).toBe(0);
  writeFileSync(join(dir, 'done.yaml'), MINIMAL);
  writeFileSync(join(dir, 'ci.yaml'), 'on: push\n');
  mkdirSync(join(dir, 'drafts'));
  writeFileSync(join(dir, 'drafts', 'broken.yaml'), MINIMAL.replace('  from: 2566', '  from: สองห้าหกหก'));
});

describe('ita-report validate on folders and patterns', () => {
  it('checks every document of a folder, lists what it passed over, and ends with the counts', () => {
    const run = runCli(['validate', '--verbose', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/authority\.yaml \(ข้าม: ข้อมูลหน่วยงาน/);
    expect(run.stdout).toMatch(/ci\.yaml \(ข้าม: ไม่มีบรรทัด kind:/);
    expect(run.stdout).toMatch(/✓ .*done\.yaml ถูกต้อง/);
    expect(run.stdout).toMatch(/✗ .*broken\.yaml/);
    const warnings = (run.stderr.match(/: คำเตือน: /g) ?? []).length;
    expect(warnings).toBeGreaterThan(5);
    expect(run.stdout).toContain(`ถูกต้อง 2 ไม่ถูกต้อง 1 จากทั้งหมด 3 เอกสาร (ข้อผิดพลาด 1 รายการ คำเตือน ${warnings} รายการ ข้าม 2 ไฟล์)`);
    // Without --verbose the passed-over files are only counted.
    expect(runCli(['validate', dir]).stdout).not.toContain('ci.yaml');
  });

  it('takes braces and !exclusions, quoted as on any shell', () => {
    const run = runCli(['--lang', 'en', 'validate', `${dir}/{done,plan-2569}.yaml`, `${dir}/**/*.yaml`, `!${dir}/drafts/**`]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 valid, 0 invalid of 2 documents \(0 error\(s\), \d+ warning\(s\), 2 file\(s\) skipped\)/);
  });

  it('gives the totals in --json', () => {
    const run = runCli(['validate', '--json', dir]);
    const summary = JSON.parse(run.stdout) as { totals: Record<string, number>; documents: { status: string }[]; skipped: { reason: string }[] };
    expect(summary.totals).toMatchObject({ documents: 3, valid: 2, invalid: 1, skipped: 2, errors: 1 });
    expect(summary.totals.warnings).toBeGreaterThan(5);
    expect(summary.skipped.map((s) => s.reason).sort()).toEqual(['authority', 'not-a-document']);
    expect(run.stderr).toBe('');
  });

  it('turns warnings into errors with --strict', () => {
    const file = join(dir, 'plan-2569.yaml');
    const run = runCli(['validate', '--strict', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/plan-2569\.yaml:\d+:\d+: ข้อผิดพลาด: ยังเป็นข้อความจากไฟล์เริ่มต้น: \(ชื่อโครงการ/);
    expect(run.stderr).not.toContain('คำเตือน:');
    expect(runCli(['validate', join(dir, 'done.yaml'), '--strict']).status).toBe(0);
  });
});

describe('ita-report build', () => {
  it('prints the warnings of the starter text, counts them, and with --strict prints no PDF', () => {
    const out = tempDir('build-out-');
    const strict = runCli(['build', '--strict', join(dir, 'plan-2569.yaml'), '-o', out]);
    expect(strict.status).toBe(1);
    expect(existsSync(join(out, 'plan-2569.pdf'))).toBe(false);
    expect(strict.stdout).toMatch(/สร้าง 0 ไม่เปลี่ยนแปลง 0 ไม่สำเร็จ 1 จากทั้งหมด 1 เอกสาร/);
    const run = runCli(['build', join(dir, 'plan-2569.yaml'), '-o', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(out, 'plan-2569.pdf'))).toBe(true);
    const warnings = (run.stderr.match(/: คำเตือน: ยังเป็นข้อความจากไฟล์เริ่มต้น/g) ?? []).length;
    expect(warnings).toBeGreaterThan(5);
    expect(run.stdout).toContain(`(ข้อผิดพลาด 0 รายการ คำเตือน ${warnings} รายการ)`);
  });

  it('ends with the counts when every document fails', () => {
    const bad = tempDir('all-bad-');
    for (const n of ['a', 'b']) writeFileSync(join(bad, `${n}.yaml`), MINIMAL.replace('  from: 2566', '  from: x'));
    const run = runCli(['--lang', 'en', 'build', bad]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/0 built, 0 up to date, 2 failed of 2 documents \(2 error\(s\), 0 warning\(s\)\)/);
  });
});
