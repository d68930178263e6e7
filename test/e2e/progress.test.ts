/**
 * The plan's progress reports through the real CLI and Chromium, read back with poppler:
 * the yearly example of องค์การบริหารส่วนจังหวัดลำปาง (FY 2567, invented figures), the
 * six-month fixture; the plan (and its authority file) as inputs of incremental builds
 * and of --watch; and `init progress`, which lists the plan's projects of a year.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliProcess } from '../child.js';
import { pageSizes, pdffonts, pdfinfo, pdftotext, ROOT, runCli, tempDir, toThaiDigits, zeroWidthWords } from '../helpers.js';

const strip = (s: string) => s.replace(/\s+/g, '');
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const EXAMPLE_DIR = join(ROOT, 'examples', 'lampang-pao');
const EXAMPLE = join(EXAMPLE_DIR, 'progress-2567.yaml');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'progress');
const A4_PORTRAIT = { width: 595.3, height: 841.9 };

function build(yaml: string): { pdf: string; pages: string[]; diagnostics: unknown[] } {
  const dir = tempDir('progress-e2e-');
  const run = runCli(['build', '--json', yaml, '-o', dir]);
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const summary = JSON.parse(run.stdout) as { documents: { output: string; diagnostics: unknown[] }[] };
  const pdf = summary.documents[0]!.output;
  return { pdf, pages: ['', ...pdftotext(pdf, ['-raw']).split('\f').slice(0, -1)], diagnostics: summary.documents[0]!.diagnostics };
}

/**
 * How often `text` is printed: whole on a page, or begun at the foot of one page and
 * continued on the next (a table row cut by the page, under a "(ต่อ)" header).
 */
function occurrences(pages: readonly string[], text: string): number {
  const whole = pages.reduce((a, t) => a + count(t, text), 0);
  if (whole > 0) return whole;
  let split = 0;
  for (let i = 0; i + 1 < pages.length; i++) {
    for (let k = 4; k <= text.length - 4; k++) if (pages[i]!.includes(text.slice(0, k)) && !pages[i]!.includes(text.slice(0, k + 1)) && pages[i + 1]!.includes(text.slice(k))) split += 1;
  }
  return split;
}

const isLandscape = (s: { width: number; height: number }) => Math.abs(s.width - A4_PORTRAIT.height) < 1.5 && Math.abs(s.height - A4_PORTRAIT.width) < 1.5;

describe('the yearly example (FY 2567)', () => {
  let b: ReturnType<typeof build>;
  let names: string[];
  beforeAll(() => {
    b = build(EXAMPLE);
    // As printed: in Thai digits.
    names = [...readFileSync(EXAMPLE, 'utf8').matchAll(/^ {2}- project: (.*)$/gm)].map((m) => toThaiDigits(m[1]!));
  });

  it('builds without a warning: a portrait cover, then landscape A4 pages in Sarabun', () => {
    expect(b.diagnostics).toEqual([]);
    const sizes = pageSizes(b.pdf);
    expect(Math.abs(sizes[0]!.width - A4_PORTRAIT.width)).toBeLessThan(1.5);
    expect(sizes.length).toBeGreaterThan(5);
    for (const s of sizes.slice(1)) expect(isLandscape(s), `page ${s.page}`).toBe(true);
    for (const f of pdffonts(b.pdf)) expect(f).toMatch(/\+Sarabun-/);
    expect(zeroWidthWords(b.pdf)).toEqual([]);
    const info = pdfinfo(b.pdf);
    expect(info).toMatch(/Author:\s+องค์การบริหารส่วนจังหวัดลำปาง/);
    expect(info).toMatch(/Title:\s+รายงานผลการดำเนินการป้องกันการทุจริตประจำปี ประจำปีงบประมาณ พ\.ศ\. ๒๕๖๗/);
  });

  it('has the cover and the title block with the plan, the year and the period of the round, page numbers from page 2', () => {
    const cover = strip(b.pages[1]!);
    expect(cover).toContain(strip('รายงานผลการดำเนินการป้องกันการทุจริตประจำปี'));
    expect(cover).toContain(strip('องค์การบริหารส่วนจังหวัดลำปาง'));
    expect(cover).not.toContain('-๑-');
    const head = strip(b.pages[2]!);
    expect(head).toContain(strip('ตามแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส พ.ศ. ๒๕๖๖ – ๒๕๗๐'));
    expect(head).toContain(strip('ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ (๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗)'));
    b.pages.slice(2).forEach((t, i) => expect(strip(t)).toContain(`-${toThaiDigits(String(i + 2))}-`));
  });

  it('sums up the 37 projects: counts per status, the budget of the year, percentages and baht text', () => {
    const all = strip(b.pages.join(''));
    // Seven projects have 5,825,000 baht for 2567 in the plan; 34 of 37 are done.
    expect(all).toContain(strip('รวมทั้งสิ้น ๓๗ ๓๔ ๒ ๑ ๙๑.๘๙ ๕,๘๒๕,๐๐๐.๐๐ ๕,๖๗๙,๒๗๐.๕๐ ๙๗.๕๐'));
    expect(all).toContain(strip('มิติที่ ๑ การสร้างวัฒนธรรมสุจริต ๗ ๖ ๑ ๐ ๘๕.๗๑ ๕,๒๒๕,๐๐๐.๐๐ ๕,๐๗๐,๗๗๐.๕๐ ๙๗.๐๕'));
    expect(all).toContain(strip('(ห้าล้านแปดแสนสองหมื่นห้าพันบาทถ้วน)'));
    expect(all).toContain(strip('(ห้าล้านหกแสนเจ็ดหมื่นเก้าพันสองร้อยเจ็ดสิบบาทห้าสิบสตางค์)'));
    // No project was cancelled: no column for it.
    expect(all).not.toContain('ยกเลิก');
  });

  it('prints every project once (besides its name repeated on a page where its row goes on), with its planned budget, spending and percentage', () => {
    expect(names).toHaveLength(37);
    const pages = b.pages.map(strip);
    const repeated = (name: string) => pages.reduce((a, t) => a + count(t, strip(`${name} (ต่อ)`)), 0);
    for (const name of names) expect(occurrences(pages, strip(name)) - repeated(name), name).toBe(1);
    const pageOf = (name: string) => pages.find((t) => t.includes(strip(name).slice(0, 20)))!;
    for (const figure of ['๒๐๐,๐๐๐.๐๐', '๑๘๖,๔๒๐.๐๐', '๙๓.๒๑']) expect(pageOf(names[1]!)).toContain(figure);
    for (const figure of ['๕๐๐,๐๐๐.๐๐', '๕๑๒,๐๐๐.๐๐', '๑๐๒.๔๐', 'เหตุที่ใช้จ่ายเกินแผน']) expect(pageOf(names[32]!)).toContain(figure);
  });

  it('says "(ต่อ)" in the header of every page where a dimension table continues, and nowhere else', () => {
    const labels = ['มิติที่ ๑ การสร้างวัฒนธรรมสุจริต', 'มิติที่ ๒ การบริหารราชการด้วยความโปร่งใส', 'มิติที่ ๓ การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน', 'มิติที่ ๔ การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น'];
    let continued = 0;
    for (const label of labels) {
      const pages = b.pages.map((t, i) => ({ i, t: strip(t) })).filter(({ t }) => t.includes(strip(label)) && t.includes('ปัญหา/อุปสรรค'));
      expect(pages.length, label).toBeGreaterThan(0);
      expect(pages[0]!.t, label).not.toContain(strip(`${label} (ต่อ)`));
      for (const p of pages.slice(1)) expect(p.t, `${label}, page ${p.i}`).toContain(strip(`${label} (ต่อ)`));
      continued += pages.length - 1;
    }
    expect(continued).toBeGreaterThan(3);
  });

  it('repeats a project\'s name, whole or shortened with "…", with "(ต่อ)" where its row goes on', () => {
    const repeats = (page: string, name: string) => {
      const s = strip(name);
      if (page.includes(`${s}(ต่อ)`)) return true;
      for (let k = 6; k < s.length; k++) if (page.includes(`${s.slice(0, k)}…(ต่อ)`)) return true;
      return false;
    };
    const pages = b.pages.map(strip);
    const repeated = names.filter((n) => pages.some((p) => repeats(p, n)));
    expect(repeated.length).toBeGreaterThan(0);
    // Only where it goes on: never on the page where the project's row starts.
    for (const name of repeated) {
      const first = pages.findIndex((p) => p.includes(strip(name).slice(0, 12)));
      expect(repeats(pages[first]!, name), name).toBe(false);
    }
  });

  it('draws the chart as vector paths and text, and links the evidence', () => {
    expect(execFileSync('pdfimages', ['-list', b.pdf], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(2);
    const chartPage = strip(b.pages.find((t) => t.includes('แผนภูมิ'))!);
    for (const label of ['มิติที่๑', 'มิติที่๔', 'รวม', 'ร้อยละของจำนวนโครงการ', 'อยู่ระหว่างดำเนินการ']) expect(chartPage).toContain(label);
    expect(readFileSync(b.pdf, 'latin1')).toContain('/URI (https://www.lampangpao.go.th/)');
  });

  it('ends with the problems, suggestions and the signature', () => {
    const last = strip(b.pages[b.pages.length - 1]!);
    expect(last).toContain(strip('ข้อเสนอแนะ'));
    expect(last).toContain(strip('(นายตัวอย่าง ผู้อนุมัติ)'));
    expect(last).toContain(strip('วันที่ ๓๑ ตุลาคม ๒๕๖๗'));
  });
});

describe('the six-month fixture', () => {
  it('covers 1 October – 31 March in Arabic digits, on landscape pages', () => {
    const b = build(join(FIXTURES, 'valid', 'six-month-2567-arabic.yaml'));
    expect(b.diagnostics).toEqual([]);
    for (const s of pageSizes(b.pdf)) expect(isLandscape(s), `page ${s.page}`).toBe(true);
    const all = strip(b.pages.join(''));
    expect(all).toContain(strip('รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริตประจำปี รอบ 6 เดือน'));
    expect(all).toContain(strip('ประจำปีงบประมาณ พ.ศ. 2567 รอบ 6 เดือน (1 ตุลาคม 2566 – 31 มีนาคม 2567)'));
    expect(all).toContain(strip('รวมทั้งสิ้น 5 2 2 1 40.00 170,000.50 - 0.00'));
    expect(all).not.toMatch(/[\u0e50-\u0e59]/);
  });
});

describe('a detail table that runs over pages', () => {
  const FIXTURE = join(FIXTURES, 'valid', 'continued-own-label.yaml');
  const NAME = 'โครงการอบรมคุณธรรมจริยธรรม';
  const MISSION = '๑.๑ การสร้างจิตสำนึกแก่บุคลากร';
  /** The fixture changed by `edit`, in a fresh folder with a copy of its plan. */
  const variant = (edit: (text: string) => string) => {
    const dir = tempDir('progress-continued-');
    writeFileSync(join(dir, 'plan.yaml'), readFileSync(join(FIXTURES, 'plan-2566-2568.yaml'), 'utf8'));
    const file = join(dir, 'report.yaml');
    writeFileSync(file, edit(readFileSync(FIXTURE, 'utf8')).replace('../plan-2566-2568.yaml', 'plan.yaml'));
    return build(file).pages.map(strip);
  };
  /** The pages after the one where the training's row starts, up to the last that still shows its outputs. */
  const continuedPages = (pages: string[]) => {
    const first = pages.findIndex((p) => p.includes(strip('โครงการอบรมคุณธรรม')));
    expect(first).toBeGreaterThan(0);
    const rest = pages.slice(first + 1).filter((p) => p.includes(strip('จัดอบรมบุคลากรรุ่นที่')));
    expect(rest.length).toBeGreaterThan(0);
    return rest;
  };

  it('repeats the project\'s name and its mission\'s row with the authority\'s label on every page where the row goes on', () => {
    const pages = build(FIXTURE).pages.map(strip);
    for (const page of continuedPages(pages)) {
      expect(page).toContain(strip(`${NAME} (ต่อจากหน้าก่อน)`));
      expect(page).toContain(strip(`${MISSION} (ต่อจากหน้าก่อน)`));
      expect(page).toContain(strip('มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต (ต่อจากหน้าก่อน)'));
    }
    expect(pages.join('')).not.toContain('(ต่อ)');
  });

  it('numbers a list cut over pages on from where it stopped', () => {
    const text = build(FIXTURE).pages.map(strip).join('');
    // Item K begins "K) จัดอบรมบุคลากรรุ่นที่ K", once, whichever page it starts on (a restarted
    // list printed "๑)" again for the first item of every page).
    for (let k = 1; k <= 9; k++) {
      const n = toThaiDigits(String(k));
      expect(count(text, `จัดอบรมบุคลากรรุ่นที่${n}`), `item ${k}`).toBe(1);
      expect(text, `item ${k}`).toContain(`${n})จัดอบรมบุคลากรรุ่นที่${n}`);
    }
  });

  it('says "(ต่อ)" when the report does not choose a label, and repeats no name with repeat_names: false', () => {
    for (const page of continuedPages(variant((t) => t.replace(/^options:\n( {2}.*\n)+/m, '')))) {
      expect(page).toContain(strip(`${NAME} (ต่อ)`));
      expect(page).toContain(strip(`${MISSION} (ต่อ)`));
    }
    const bare = variant((t) => t.replace('repeat_names: true', 'repeat_names: false'));
    for (const page of continuedPages(bare)) {
      expect(page).not.toContain(strip(NAME));
      expect(page).toContain(strip(`${MISSION} (ต่อจากหน้าก่อน)`));
    }
  });
});

/** A plan that refers to an authority file, and a yearly report of it, in a fresh folder. */
function setUpLinked(): { dir: string; plan: string; authority: string; report: string } {
  const dir = tempDir('progress-linked-');
  const authority = join(dir, 'authority.yaml');
  const plan = join(dir, 'plan.yaml');
  const report = join(dir, 'report.yaml');
  writeFileSync(authority, 'kind: authority\nname: เทศบาลตำบลแม่ทะ\nprovince: ลำปาง\n');
  writeFileSync(plan, readFileSync(join(FIXTURES, 'plan-2566-2568.yaml'), 'utf8').replace(/^authority:\n(  .*\n)+/m, 'authority: authority.yaml\n'));
  writeFileSync(report, readFileSync(join(FIXTURES, 'valid', 'yearly-2567.yaml'), 'utf8').replace('../plan-2566-2568.yaml', 'plan.yaml'));
  return { dir, plan, authority, report };
}

describe('the plan as an input of the report', () => {
  it('rebuilds the report when the plan or the plan\'s authority file changed, and only then', () => {
    const { plan, authority, report, dir } = setUpLinked();
    const pdf = join(dir, 'report.pdf');
    const first = runCli(['build', report]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^✓ /m);
    expect(pdftotext(pdf)).toContain('๑๒๒.๕๐');
    expect(runCli(['build', report]).stdout).toContain('ไม่มีการเปลี่ยนแปลง');

    // The plan gives the training what it spent: 100 % instead of 122.50 %.
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('{ 2566: 20000, 2567: 20000, 2568: 20000 }', '{ 2566: 20000, 2567: 24500, 2568: 20000 }'));
    expect(runCli(['build', report]).stdout).toMatch(/^✓ /m);
    expect(pdftotext(pdf)).toContain('๑๐๐.๐๐');
    expect(pdftotext(pdf)).not.toContain('๑๒๒.๕๐');
    expect(runCli(['build', report]).stdout).toContain('ไม่มีการเปลี่ยนแปลง');

    writeFileSync(authority, 'kind: authority\nname: เทศบาลตำบลป่าตัน\nprovince: ลำปาง\n');
    expect(runCli(['build', report]).stdout).toMatch(/^✓ /m);
    expect(pdftotext(pdf)).toContain('เทศบาลตำบลป่าตัน');
  });

  describe('with --watch', () => {
    let running: CliProcess | undefined;
    afterEach(async () => {
      await running?.interrupt();
      running = undefined;
    });

    it('rebuilds the report after a save of the plan and of its authority file', async () => {
      const { plan, authority, dir } = setUpLinked();
      const pdf = join(dir, 'report.pdf');
      const BUILT = /^\[\d\d:\d\d:\d\d\] ✓ report\.yaml → report\.pdf/;
      const proc = (running = new CliProcess(['build', '--watch', 'report.yaml'], { cwd: dir }));
      const builtWith = async (from: number, marker: string) => {
        for (let i = from; ; ) {
          const line = await proc.waitFor(BUILT, i);
          if (strip(pdftotext(pdf)).includes(strip(marker))) return line;
          i = line.index + 1;
        }
      };
      const first = await proc.waitFor(BUILT);
      await proc.waitFor(/กด Ctrl\+C เพื่อหยุด/, first.index);
      writeFileSync(plan, readFileSync(plan, 'utf8').replace('{ 2567: 150000.50, 2568: 150000 }', '{ 2567: 160000, 2568: 150000 }'));
      const second = await builtWith(first.index + 1, '๑๖๐,๐๐๐.๐๐');
      writeFileSync(authority, 'kind: authority\nname: เทศบาลตำบลป่าตัน\nprovince: ลำปาง\n');
      await builtWith(second.index + 1, 'เทศบาลตำบลป่าตัน');
      expect(await proc.interrupt()).toBe(0);
    });
  });
});

describe('ita-report init progress', () => {
  it('lists every project of the plan for the year, so that the report validates and builds as written', () => {
    const dir = join(tempDir('init-progress-'), 'reports');
    const run = runCli(['init', 'progress', '--plan', join(EXAMPLE_DIR, 'plan-2566-2570.yaml'), '--year', '2567', dir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('37 โครงการของปี 2567');
    const file = join(dir, 'progress-2567.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^plan: \.\.\/.*examples\/lampang-pao\/plan-2566-2570\.yaml$/m);
    expect(text).toMatch(/^fiscal_year: 2567$/m);
    // The editor files travel with the folder: the schema is written next to the report.
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.ita-report\/progress\.schema\.json$/m);
    expect(existsSync(join(dir, '.ita-report', 'progress.schema.json'))).toBe(true);
    const example = [...readFileSync(EXAMPLE, 'utf8').matchAll(/^ {2}- project: (.*)$/gm)].map((m) => m[1]);
    expect([...text.matchAll(/^ {2}- project: (.*)$/gm)].map((m) => m[1])).toEqual(example);
    expect(text).toContain('  # ลำดับที่ 4 · มิติที่ 1 · ภารกิจ 1.2.2 · งบประมาณตามแผนปี 2567: 5,000,000 บาท');
    expect(count(text, 'status: ยังไม่ได้ดำเนินการ')).toBe(37);
    // The explanations once, the fields to fill in for every project.
    expect(count(text, '# สถานะ: ')).toBe(1);
    expect(count(text, '    # outputs:')).toBe(37);
    // The report in a temporary folder follows the plan in this repository: no folder but / holds both (--root, load/files.ts).
    const validate = runCli(['validate', '--root', '/', file]);
    expect(validate.status, validate.stderr).toBe(0);
    expect(validate.stderr).toBe('');
    const built = runCli(['build', '--root', '/', file]);
    expect(built.status, built.stderr).toBe(0);
    expect(pdftotext(join(dir, 'progress-2567.pdf'))).toContain('องค์การบริหารส่วนจังหวัดลำปาง');
  });

  it('lists only the projects that run in the year asked for', () => {
    const dir = tempDir('init-progress-');
    const plan = join(dir, 'plan.yaml');
    writeFileSync(plan, readFileSync(join(FIXTURES, 'plan-2566-2568.yaml'), 'utf8'));
    expect(runCli(['init', 'progress', '--plan', plan, '--year', '2568', dir]).status).toBe(0);
    const text = readFileSync(join(dir, 'progress-2568.yaml'), 'utf8');
    expect(text).toMatch(/^plan: plan\.yaml$/m);
    // Without the 2566-only honouring project and the activity listed for 2567 alone.
    expect([...text.matchAll(/^ {2}- project: (.*)$/gm)].map((m) => m[1])).toEqual([
      'โครงการอบรมคุณธรรมจริยธรรม',
      'มาตรการส่งเสริมการปฏิบัติตามประมวลจริยธรรม',
      'โครงการส่งเสริมเศรษฐกิจพอเพียง',
      'กิจกรรมเผยแพร่ข้อมูลการจัดซื้อจัดจ้าง',
      'โครงการประชุมประชาคมตรวจสอบการดำเนินงาน',
    ]);
    expect(runCli(['validate', join(dir, 'progress-2568.yaml')]).status).toBe(0);
  });

  it('explains a missing --plan, a missing plan and a year outside the plan (exit 2), a plan with errors (exit 1), and never overwrites', () => {
    const dir = tempDir('init-progress-');
    const noPlan = runCli(['init', 'progress', '--year', '2567', dir]);
    expect(noPlan.status).toBe(2);
    expect(noPlan.stderr).toContain('--plan');
    expect(runCli(['--lang', 'en', 'init', 'progress', '--plan', join(dir, 'nope.yaml'), '--year', '2567', dir]).stderr).toContain('plan file');
    const plan = join(EXAMPLE_DIR, 'plan-2566-2570.yaml');
    const year = runCli(['init', 'progress', '--plan', plan, '--year', '2572', dir]);
    expect(year.status).toBe(2);
    expect(year.stderr).toContain('2566–2570');
    const broken = join(dir, 'broken-plan.yaml');
    writeFileSync(broken, readFileSync(plan, 'utf8').replace('  from: 2566', '  from: 1566'));
    const invalid = runCli(['init', 'progress', '--plan', broken, '--year', '2567', dir]);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toMatch(/broken-plan\.yaml:\d+:\d+: ข้อผิดพลาด/);
    expect(existsSync(join(dir, 'progress-2567.yaml'))).toBe(false);

    writeFileSync(join(dir, 'progress-2567.yaml'), 'kind: progress # my work\n');
    const again = runCli(['init', 'progress', '--plan', plan, '--year', '2567', dir]);
    expect(again.status).toBe(1);
    expect(readFileSync(join(dir, 'progress-2567.yaml'), 'utf8')).toBe('kind: progress # my work\n');
  });
});
