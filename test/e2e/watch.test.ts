/**
 * `ita-report build --watch`: the PDF follows every save of the YAML, of the authority
 * file it refers to and of the templates; a broken save prints the problem and the
 * watch goes on; the browser stays warm, so a rebuild costs far less than the first
 * build (both are printed in the test output; nothing is asserted about time).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdftotext, ROOT, tempDir } from '../helpers.js';
import { CliProcess } from '../child.js';

const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/plan/valid/minimal.yaml'), 'utf8');
const BUILT = /^\[\d\d:\d\d:\d\d\] ✓ plan\.yaml → plan\.pdf \((\d+) หน้า, ([\d.]+) วินาที\)$/;
const INVALID = /^\[\d\d:\d\d:\d\d\] ✗ plan\.yaml \(ข้อมูลไม่ถูกต้อง\)$/;

let running: CliProcess | undefined;
afterEach(async () => {
  await running?.interrupt();
  running = undefined;
});

/**
 * The first build line after line `from` whose PDF then contains `marker` (a rebuild started by
 * something else, such as another test touching a template, is waited past).
 */
async function builtWith(proc: CliProcess, from: number, pdf: string, marker: string) {
  for (let i = from; ; ) {
    const line = await proc.waitFor(BUILT, i);
    if (pdftotext(pdf).includes(marker)) return line;
    i = line.index + 1;
  }
}

function setUp(): string {
  const dir = tempDir('watch-');
  writeFileSync(join(dir, 'authority.yaml'), 'kind: authority\nname: องค์การบริหารส่วนตำบลแม่ทะ\nprovince: ลำปาง\n');
  writeFileSync(join(dir, 'plan.yaml'), MINIMAL.replace(/^authority:\n(  .*\n)+/m, 'authority: authority.yaml\n').replace('โครงการอบรมคุณธรรมจริยธรรม', 'โครงการเครื่องหมายหนึ่ง'));
  return dir;
}

describe('ita-report build --watch', () => {
  it('rebuilds on every save, keeps going after an error, and reuses the warm browser', async () => {
    const dir = setUp();
    const yaml = join(dir, 'plan.yaml');
    const pdf = join(dir, 'plan.pdf');
    const proc = (running = new CliProcess(['build', '--watch', 'plan.yaml'], { cwd: dir }));

    const first = await proc.waitFor(BUILT);
    const cold = first.at - proc.started;
    await proc.waitFor(/กด Ctrl\+C เพื่อหยุด/, first.index);
    expect(pdftotext(pdf)).toContain('โครงการเครื่องหมายหนึ่ง');

    // An edit of the YAML.
    let edited = performance.now();
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('โครงการเครื่องหมายหนึ่ง', 'โครงการเครื่องหมายสอง'));
    const second = await builtWith(proc, first.index + 1, pdf, 'โครงการเครื่องหมายสอง');
    const warm = second.at - edited;

    // A broken save: the problem is printed with its line, the old PDF stays, the watch goes on.
    const good = readFileSync(yaml, 'utf8');
    writeFileSync(yaml, good.replace('  from: 2566', '  from: สองห้าหกหก'));
    const broken = await proc.waitFor(INVALID, second.index + 1);
    const line = good.split('\n').findIndex((l) => l === '  from: 2566') + 1;
    await proc.waitFor(new RegExp(`^plan\\.yaml:${line}:9: ข้อผิดพลาด: ค่าต้องเป็นจำนวนเต็ม`), broken.index);
    expect(proc.exitCode).toBeUndefined();
    expect(pdftotext(pdf)).toContain('โครงการเครื่องหมายสอง');

    // The fix (and a new marker) rebuilds.
    edited = performance.now();
    writeFileSync(yaml, good.replace('โครงการเครื่องหมายสอง', 'โครงการเครื่องหมายสาม'));
    const fixed = await builtWith(proc, broken.index + 1, pdf, 'โครงการเครื่องหมายสาม');
    const afterError = fixed.at - edited;

    // A save of the authority file the document refers to.
    writeFileSync(join(dir, 'authority.yaml'), 'kind: authority\nname: องค์การบริหารส่วนตำบลป่าตัน\nprovince: ลำปาง\n');
    const authority = await builtWith(proc, fixed.index + 1, pdf, 'องค์การบริหารส่วนตำบลป่าตัน');

    // A template saved (touched only, so that other tests' builds are not disturbed).
    const now = new Date();
    utimesSync(join(ROOT, 'templates/plan/style.css'), now, now);
    const template = await proc.waitFor(/^… แม่แบบเอกสาร \(templates\) เปลี่ยน กำลังสร้าง plan\.yaml ใหม่$/, authority.index + 1);
    await proc.waitFor(BUILT, template.index + 1);

    // A save without a change does not rebuild.
    const count = proc.lines.length;
    writeFileSync(yaml, readFileSync(yaml, 'utf8'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(proc.lines.slice(count).filter((l) => l.text.includes('plan.yaml: มีการแก้ไข'))).toEqual([]);

    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`build --watch: first build (node + browser start + print) ${seconds(cold)}; rebuild after an edit ${seconds(warm)}; after fixing an error ${seconds(afterError)}; the tool's own timings: first ${first.text.match(BUILT)![2]} s, rebuild ${second.text.match(BUILT)![2]} s`);

    expect(await proc.interrupt()).toBe(0);
    expect(proc.output).toContain('หยุดเฝ้าดูแล้ว');
  });

  it('says so when a file to watch does not exist (exit 2)', async () => {
    const proc = (running = new CliProcess(['build', '--watch', 'nope.yaml'], { cwd: tempDir() }));
    expect(await proc.exit()).toBe(2);
    expect(proc.output).toContain('nope.yaml: ข้อผิดพลาด: ไม่พบไฟล์หรือโฟลเดอร์');
  });
});
