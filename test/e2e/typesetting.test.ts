/**
 * Every example and every valid fixture printed once (one batch, real Chromium), then
 * read back with poppler as a careful typesetter would check proofs: text inside the
 * official margins on every page, no stacked tone mark at a page foot, Sarabun only,
 * and no Thai word cut at a line end inside a table cell (test/line-breaks.ts checks
 * each line end against Intl.Segmenter's word boundaries). Then what each layout option
 * promises, on its multi-page fixture, and the example of an authority's own layout.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Printer } from '../../src/print/printer.js';
import { keepThaiWordsInText } from '../../src/render/thai-words.js';
import { checkCellBreaks } from '../line-breaks.js';
import { outsideMargins, pageSizes, pdffonts, pdftotext, ROOT, runCli, tempDir, zeroWidthWords } from '../helpers.js';

const strip = (s: string) => s.replace(/\s+/g, '');
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** Every document of the examples and of the valid fixtures (authority files have no PDF). */
function documents(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []));
  const fixtures = readdirSync(join(ROOT, 'test', 'fixtures')).flatMap((k) => {
    const valid = join(ROOT, 'test', 'fixtures', k, 'valid');
    return existsSync(valid) ? walk(valid) : [];
  });
  return [...walk(join(ROOT, 'examples')), ...fixtures].filter((f) => /^kind: (?!authority\b)/m.test(readFileSync(f, 'utf8')));
}

interface Built {
  input: string;
  pdf: string;
  html: string;
  diagnostics: { severity: string; code: string; path: string }[];
  /** Page texts in drawing order (-raw), 1-based. */
  pages: string[];
}

const built = new Map<string, Built>();
const named = (rel: string) => {
  const b = built.get(rel);
  if (!b) throw new Error(`${rel} was not built`);
  return b;
};

beforeAll(() => {
  const out = tempDir('typesetting-');
  const inputs = documents();
  // A folder and a glob: each mirrors its own tree under the output folder, so no two PDFs share a name.
  const run = runCli(['build', '--json', '--jobs', '2', join(ROOT, 'examples'), `${ROOT}/test/fixtures/*/valid/*.yaml`, '-o', out], { ITA_REPORT_KEEP_HTML: '1' });
  expect(run.status, run.stderr).toBe(0);
  const summary = JSON.parse(run.stdout) as { documents: { input: string; output: string; diagnostics: Built['diagnostics'] }[] };
  for (const d of summary.documents) {
    const rel = relative(ROOT, resolve(ROOT, d.input)).replace(/\\/g, '/');
    built.set(rel, { input: rel, pdf: d.output, html: readFileSync(d.output.replace(/\.pdf$/, '.html'), 'utf8'), diagnostics: d.diagnostics, pages: ['', ...pdftotext(d.output, ['-raw']).split('\f').slice(0, -1)] });
  }
  expect([...built.keys()].sort()).toEqual(inputs.map((f) => relative(ROOT, f).replace(/\\/g, '/')).sort());
});

describe('every example and every valid fixture, on every page', () => {
  it('keeps every word inside the official margins', () => {
    for (const b of built.values()) expect(outsideMargins(b.pdf).slice(0, 3), b.input).toEqual([]);
  });

  it('paints no stacked tone mark at the foot of a page', () => {
    for (const b of built.values()) expect(zeroWidthWords(b.pdf), b.input).toEqual([]);
  });

  it('embeds Sarabun and no other font', () => {
    for (const b of built.values()) for (const f of pdffonts(b.pdf)) expect(f, b.input).toMatch(/\+Sarabun-/);
  });

  it('ends lines inside table cells only between Thai words', () => {
    let checked = 0;
    for (const b of built.values()) {
      const report = checkCellBreaks(b.pdf, b.html);
      expect(report.cuts, b.input).toEqual([]);
      checked += report.checked;
    }
    // The check found the cells' line ends (hundreds of them across the documents).
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('the line-break check itself', () => {
  it('finds a Thai word cut at a line end, and none once the words are kept whole', async () => {
    const cell = 'ประชาสัมพันธ์ยุทธศาสตร์การพัฒนาท้องถิ่นผ่านเสียงตามสาย';
    const html = (inner: string) => `<!doctype html><html lang="th"><head><link rel="stylesheet" href="/fonts/sarabun.css"><style>body{font:16pt Sarabun} .w{white-space:nowrap}</style></head><body><table style="width:2.6cm;border-collapse:collapse"><tr><td style="overflow-wrap:anywhere;border:1px solid">${inner}</td></tr></table></body></html>`;
    const printer = await Printer.launch();
    try {
      const print = async (page: string) => {
        const out = join(tempDir('breaks-'), 'cell.pdf');
        const job = { file: out, html: page, meta: { title: 't', author: 'a', subject: 's', keywords: [] }, digits: 'thai' as const, kind: 'results', baseDir: ROOT, date: new Date(0), producer: 'test' };
        writeFileSync(out, (await printer.print(job)).pdf);
        return out;
      };
      const cut = html(cell);
      const report = checkCellBreaks(await print(cut), cut);
      expect(report.cuts.length).toBeGreaterThan(0);
      const kept = html(keepThaiWordsInText(cell));
      const whole = checkCellBreaks(await print(kept), kept);
      expect(whole.checked).toBeGreaterThan(0);
      expect(whole.cuts).toEqual([]);
    } finally {
      await printer.close();
    }
  });
});

describe('an authority of its own: เทศบาลตำบลนาดีงาม (examples/na-di-ngam)', () => {
  const strips = () => named('examples/na-di-ngam/results-2568.yaml').pages.map(strip);

  it('builds without a warning, a portrait cover then landscape pages', () => {
    const b = named('examples/na-di-ngam/results-2568.yaml');
    expect(b.diagnostics).toEqual([]);
    const sizes = pageSizes(b.pdf);
    expect(sizes[0]!.width).toBeLessThan(sizes[0]!.height);
    for (const s of sizes.slice(1)) expect(s.width, `page ${s.page}`).toBeGreaterThan(s.height);
    const cover = strips()[1]!;
    expect(cover).toContain(strip('คุณธรรมและความโปร่งใส'));
    expect(cover).toContain(strip('อำเภอห้วยใส จังหวัดลำปาง'));
    expect(cover).not.toContain('มาตรการ/โครงการ');
  });

  it('prints its own title lines, with the authority fields as placeholders', () => {
    const first = strips()[2]!;
    expect(first).toContain(strip('ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ (๑ ตุลาคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๘)'));
    expect(first).toContain(strip('เทศบาลตำบลนาดีงาม อำเภอห้วยใส จังหวัดลำปาง'));
    // The Markdown headings of the introduction are headings, in the PDF's outline too.
    expect(first).toContain('ความเป็นมา');
  });

  it('numbers its groups ๑–๕ in its own order, each naming its ITA indicator, the header before each', () => {
    const all = strips().join('');
    const titles = [
      '๑. ด้านการป้องกันการทุจริต (ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต)',
      '๒. ด้านการเปิดเผยข้อมูลต่อสาธารณะ (ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล)',
      '๓. ด้านการสื่อสารกับประชาชน (ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร)',
      '๔. ด้านการใช้งบประมาณ (ตัวชี้วัดที่ ๒ การใช้งบประมาณ)',
      '๕. ด้านการบริหารงานบุคคล (ตัวชี้วัดที่ ๓ การใช้อำนาจ)',
    ].map(strip);
    const at = titles.map((t) => all.indexOf(t));
    expect(at.every((i) => i >= 0), titles.filter((_, k) => at[k]! < 0).join(', ')).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The header row comes with every group, and on every page the table runs on to.
    const pages = strips();
    const last = pages.findIndex((p) => p.includes('นายกเทศมนตรีตำบลนาดีงาม'));
    for (let n = 2; n < last; n++) expect(pages[n], `page ${n}`).toContain(strip('มาตรการ/โครงการ'));
    for (const t of titles) expect(all.slice(all.indexOf(t) + t.length, all.indexOf(t) + t.length + 30)).toMatch(/^ที่มาตรการ\/โครงการ/);
  });

  it('labels both responsible parts, prints words and full months as periods, and keeps the ref date quiet', () => {
    const all = strips().join('');
    expect(all).toContain(strip('หน่วยงานรับผิดชอบหลัก : กองคลัง'));
    expect(all).toContain(strip('หน่วยงานสนับสนุน : ทุกกอง'));
    expect(all).toContain('ทุกไตรมาส');
    expect(all).toContain('ทุกวันทำการ');
    expect(all).toContain(strip('ตุลาคม ๒๕๖๗ – กันยายน ๒๕๖๘'));
    expect(all).toContain(strip('มกราคม – มีนาคม ๒๕๖๘'));
    expect(all).toContain(strip('๖ มกราคม – ๓๐ มิถุนายน ๒๕๖๘'));
    expect(all).toContain(strip('๑๖ กันยายน ๒๕๖๗'));
  });

  it('repeats the group title, and the name of a measure whose row goes on, with "(ต่อ)"', () => {
    const pages = strips();
    const continued = pages.filter((p, n) => n > 2 && p.includes(strip('ด้านการป้องกันการทุจริต (ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต) (ต่อ)')));
    expect(continued.length).toBeGreaterThan(0);
    // A measure whose row goes on to a page where its own cell has nothing left: its name again, then "(ต่อ)".
    const measures = (readFileSync(join(ROOT, 'examples/na-di-ngam/results-2568.yaml'), 'utf8').match(/^ {4}measure: .*$/gm) ?? []).map((l) => strip(l.slice('    measure: '.length)).slice(0, 12));
    const repeated = pages.slice(3).filter((p) => measures.some((m) => new RegExp(`${m}[^()]{0,120}\\(ต่อ\\)`).test(p)));
    expect(repeated.length).toBeGreaterThan(0);
  });
});

describe('each layout option on its multi-page fixture', () => {
  const pagesOf = (name: string) => named(`test/fixtures/results/valid/${name}.yaml`).pages.map(strip);

  it('groups: the authority\'s order, numbers and labels, the group title row and header again on continued pages', () => {
    const pages = pagesOf('groups-own-order');
    expect(pages.length - 1).toBeGreaterThan(2);
    const all = pages.join('');
    const order = ['กลุ่มที่ ๑ ด้านการป้องกันการทุจริตในองค์กร (ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต)', 'กลุ่มที่ ๒ ด้านการเปิดเผยข้อมูลต่อสาธารณะ (ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล)', 'กลุ่มที่ ๓ คุณภาพการดำเนินงาน (ตัวชี้วัดที่ ๖ คุณภาพการดำเนินงาน)'].map((t) => all.indexOf(strip(t)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Rows are numbered in print order, whatever their order in the YAML.
    expect(all.indexOf(strip('๑ ประกาศเจตจำนงสุจริตของผู้บริหาร'))).toBeLessThan(all.indexOf(strip('๔ เผยแพร่แผนการจัดซื้อจัดจ้าง')));
    for (const p of pages.slice(2)) expect(p).toMatch(/กลุ่มที่[๑-๓].*\(ต่อ\)|^-/);
  });

  it('header_per_group: false: one table, the group title row again with the authority\'s label on a continued page', () => {
    const pages = pagesOf('group-rows-one-table');
    expect(pages.length - 1).toBeGreaterThan(2);
    expect(pages.slice(2).some((p) => p.includes(strip('ด้านที่ 1 การบริหารงานบุคคลอย่างเป็นธรรม (2 รายการ) (ต่อจากหน้าก่อน)')))).toBe(true);
    for (const p of pages.slice(1)) expect(p).toContain('วิธีการดำเนินการ');
    // Each group title is printed once as a title, then only as "(ต่อจากหน้าก่อน)".
    expect(count(pages.join(''), strip('ด้านที่ 2 การใช้จ่ายงบประมาณอย่างคุ้มค่า (2 รายการ)'))).toBeGreaterThanOrEqual(1);
  });

  it('header_per_group with a group column: a table and header per group, the group\'s name again at the top of a page', () => {
    const pages = pagesOf('group-column-per-group');
    expect(pages.length - 1).toBeGreaterThan(1);
    expect(pages.slice(2).some((p) => p.includes(strip('การเปิดเผยข้อมูลและการสื่อสารกับประชาชน (ต่อ)')))).toBe(true);
    const all = pages.join('');
    // Two groups, two tables: the header row before each, so at least twice on the page where the second starts.
    const second = pages.findIndex((p) => p.includes('การป้องกันผลประโยชน์ทับซ้อน'));
    expect(second).toBeGreaterThan(0);
    expect(pages[second]).toContain('ขั้นตอนการดำเนินการ');
    expect(count(all, 'ขั้นตอนการดำเนินการ')).toBeGreaterThanOrEqual(pages.length - 1);
  });

  it('period_format and Thai spellings: full months, four-digit years, one year for both ends, words', () => {
    const all = pagesOf('period-formats').join('');
    expect(all).toContain(strip('ตุลาคม ๒๕๖๗–กันยายน ๒๕๖๘'));
    expect(all).toContain(strip('มกราคม–มีนาคม ๒๕๖๘'));
    expect(all).toContain(strip('เมษายน–กันยายน ๒๕๖๘'));
    expect(all).toContain(strip('๖ มกราคม–๒๘ มีนาคม ๒๕๖๘'));
    expect(all).toContain(strip('พฤศจิกายน ๒๕๖๗–กุมภาพันธ์ ๒๕๖๘'));
    expect(all).toContain('ทุกไตรมาส');
    expect(all).toContain(strip('ตลอดปีงบประมาณ ๒๕๖๘'));
    for (const s of ['ดำเนินการแล้ว', 'อยู่ระหว่างดำเนินการ', 'ยังไม่ได้ดำเนินการ', 'ยกเลิก']) expect(all).toContain(s);
  });

  it('responsible_labels: the authority\'s labels, on a lone main part too', () => {
    const all = pagesOf('responsible-labels').join('');
    expect(all).toContain(strip('ผู้รับผิดชอบหลัก : กองคลัง'));
    expect(all).toContain(strip('ผู้ร่วมดำเนินการ : สำนักปลัด'));
    expect(all).toContain(strip('ผู้รับผิดชอบหลัก : สำนักปลัด'));
  });

  it('cover, title lines and headings in free text', () => {
    const b = named('test/fixtures/results/valid/title-cover-headings.yaml');
    expect(b.diagnostics).toEqual([]);
    const pages = b.pages.map(strip);
    expect(pages[1]).toContain(strip('ปีงบประมาณ พ.ศ. ๒๕๖๘'));
    expect(pages[2]).toContain(strip('เทศบาลตำบลวังชิ้น อำเภอวังชิ้น จังหวัดแพร่'));
    expect(pages[2]).toContain(strip('ทต.วังชิ้น (เทศบาลตำบล) โดยนายกเทศมนตรีตำบลวังชิ้น (นายสมหมาย ตั้งใจ)'));
    expect(b.html).toMatch(/<h4 class="md-heading">ความเป็นมา<\/h4>/);
  });

  it('a word wider than its column makes the cell\'s text smaller, never a cut', () => {
    const b = named('test/fixtures/results/valid/narrow-columns.yaml');
    const raw = b.pages.join('');
    expect(raw).toContain('ประชาสัมพันธ์');
    expect(raw).toContain('ยุทธศาสตร์');
  });
});
