/**
 * The example measures document (seed 003) printed by the real CLI with Chromium
 * and checked with poppler, as an officer (or the assessor) would read the PDF.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { deriveDocument } from '../../src/pipeline.js';
import { measureList, type MeasuresInput } from '../../src/kinds/measures/input.js';
import { pageSizes, pageTexts, pdffonts, pdfinfo, pdftotext, ROOT, runCli, tempDir, zeroWidthWords } from '../helpers.js';

const EXAMPLE = join(ROOT, 'examples/lampang-pao/measures-2567.yaml');
const ARABIC = join(ROOT, 'test/fixtures/measures/valid/history-arabic.yaml');

const strip = (s: string) => s.replace(/\s+/g, '');

/** Image XObjects of the pages `from`–`to` (pdfimages lists one per line after its two header lines). */
function images(pdf: string, from?: number, to?: number): string[] {
  const range = from === undefined ? [] : ['-f', String(from), '-l', String(to ?? from)];
  return execFileSync('pdfimages', ['-list', ...range, pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');
}

/** 1-based pages whose text contains `needle` (whitespace ignored). */
function pagesWith(pages: string[], needle: string): number[] {
  return pages.flatMap((t, i) => (i > 0 && strip(t).includes(strip(needle)) ? [i] : []));
}

let pdf: string;
let pages: string[];
/** Page texts in drawing order (-raw): each table cell's lines stay together. */
let rawPages: string[];
let all: string;
let input: MeasuresInput;
let cli: string;

beforeAll(async () => {
  const out = tempDir('measures-e2e-');
  const run = runCli(['build', EXAMPLE, '-o', out]);
  cli = run.stdout + run.stderr;
  expect(run.status, cli).toBe(0);
  pdf = join(out, 'measures-2567.pdf');
  pages = pageTexts(pdf);
  rawPages = ['', ...pdftotext(pdf, ['-raw']).split('\f').slice(0, -1)];
  all = strip(pages.join('\n'));
  input = (await deriveDocument(EXAMPLE)).doc!.data as MeasuresInput;
});

describe('the example measures PDF', () => {
  it('is built without warnings, on A4 pages, in Sarabun only, with the document information', () => {
    expect(cli).not.toMatch(/คำเตือน:|ข้อผิดพลาด:/);
    const count = Number(/Pages:\s+(\d+)/.exec(pdfinfo(pdf))![1]);
    expect(cli).toContain(`${count} หน้า`);
    for (const size of pageSizes(pdf)) {
      expect(Math.abs(Math.min(size.width, size.height) - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(Math.max(size.width, size.height) - 841.9)).toBeLessThan(1.5);
    }
    const fonts = pdffonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/\+Sarabun-/);
    const info = pdfinfo(pdf);
    expect(info).toMatch(/Title:\s+มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี พ.ศ. ๒๕๖๗/);
    expect(info).toMatch(/Author:\s+องค์การบริหารส่วนจังหวัดลำปาง/);
  });

  it('states the overall score and the level, computed, on the first pages', () => {
    const head = strip(pages.slice(1, 3).join(''));
    expect(head).toContain(strip('มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี พ.ศ. ๒๕๖๗'));
    expect(head).toContain(strip('ได้คะแนน ๙๔.๙๖ คะแนน อยู่ในระดับผ่านดี'));
    expect(head).toContain(strip('คะแนนรวม ๙๔.๙๖'));
    expect(head).toContain(strip('ระดับผลการประเมิน ผ่านดี'));
    for (const tool of ['IIT', 'EIT', 'OIT']) expect(head).toContain(tool);
    for (const s of ['๙๗.๐๑', '๘๖.๑๘']) expect(head).toContain(s);
  });

  it('tables the ten indicators with their scores', () => {
    const rows: [string, string, string][] = [
      ['๑', 'การปฏิบัติหน้าที่', '๑๐๐.๐๐'],
      ['๒', 'การใช้งบประมาณ', '๙๙.๐๘'],
      ['๓', 'การใช้อำนาจ', '๙๘.๙๐'],
      ['๔', 'การใช้ทรัพย์สินของราชการ', '๙๑.๘๖'],
      ['๕', 'การแก้ไขปัญหาการทุจริต', '๙๕.๑๙'],
      ['๖', 'คุณภาพการดำเนินงาน', '๘๘.๒๘'],
      ['๗', 'ประสิทธิภาพการสื่อสาร', '๘๔.๒๙'],
      ['๘', 'การปรับปรุงการทำงาน', '๘๕.๙๖'],
      ['๙', 'การเปิดเผยข้อมูล', '๑๐๐.๐๐'],
      ['๑๐', 'การป้องกันการทุจริต', '๑๐๐.๐๐'],
    ];
    const table = pagesWith(pages, 'ผลการประเมินรายตัวชี้วัด')[0]!;
    const lines = pdftotext(pdf, ['-f', String(table), '-l', String(table), '-layout']).split('\n');
    for (const [no, name, score] of rows) {
      const row = new RegExp(`^\\s*${no}\\s+${name}\\s+(IIT|EIT|OIT)\\s+${score.replace('.', '\\.')}(\\s|$)`);
      expect(lines.some((l) => row.test(l)), `${no} ${name} ${score}`).toBe(true);
    }
    // The seed's wrong quotation never reaches the PDF.
    expect(all).not.toContain('๘๖.๔๗');
    expect(all).not.toContain('๘๐.๐๔');
    expect(all).not.toContain('วัดจันทร์');
  });

  it('draws the indicator chart as vector graphics with Thai labels, axis 0–100 and the pass mark', () => {
    expect(images(pdf)).toEqual([]);
    const page = pagesWith(pages, 'แผนภูมิที่ ๑ คะแนนรายตัวชี้วัด')[0]!;
    expect(images(pdf, page)).toEqual([]);
    const text = pages[page]!;
    for (const tick of ['๐', '๒๐', '๔๐', '๖๐', '๘๐', '๑๐๐']) expect(text.split(/\s+/)).toContain(tick);
    expect(strip(text)).toContain('เกณฑ์ผ่าน๘๕');
    expect(strip(text)).toContain('๗.ประสิทธิภาพการสื่อสาร');
    expect(text).toContain('๘๔.๒๙');
    // The chart's text is real text in the embedded font, not outlines: poppler finds it at a place.
    const bbox = pdftotext(pdf, ['-f', String(page), '-l', String(page), '-bbox']);
    expect(bbox).toMatch(/<word [^>]*>เกณฑ์ผ่าน<\/word>/);
  });

  it('draws the overall score by year', () => {
    const page = pagesWith(pages, 'แผนภูมิที่ ๒')[0]!;
    expect(images(pdf, page)).toEqual([]);
    const text = strip(pages[page]!);
    expect(text).toContain('ปี๒๕๖๖');
    expect(text).toContain('๙๔.๙๖');
    expect(text).toContain('ผ่านดี');
  });

  it('analyses each of the seven issues with its questions by tool', () => {
    for (const [n, title] of input.analysis.issues.map((i, k) => [k + 1, i.title] as const)) {
      const no = String.fromCharCode(0x0e50 + n);
      expect(all).toContain(strip(`ประเด็นที่ ${no} ${title}`));
    }
    expect(all).toContain(strip('ข้อ i๒๗ ๙๕.๕๗'));
    expect(all).toContain(strip('ข้อ i๒๔ ๕๕.๕๗'));
    expect(all).toContain(strip('ข้อ o๔๑ ๑๐๐.๐๐'));
    expect(all).toContain(strip('คุณภาพการดำเนินงานได้ ๘๘.๒๘ คะแนน'));
  });

  it('prints every measure, once, in the landscape table, with its header on every page of it', () => {
    const list = measureList(input);
    expect(list).toHaveLength(9);
    list.forEach((m, i) => {
      const number = `${String.fromCharCode(0x0e50 + (m.path[2] as number) + 1)}.${String.fromCharCode(0x0e50 + (m.path[4] as number) + 1)}`;
      expect(pagesWith(rawPages, `${number} ${m.title}`), `${i}: ${m.title}`).toHaveLength(1);
    });
    const tablePages = [...new Set(list.flatMap((m) => pagesWith(rawPages, m.title)))];
    const sizes = pageSizes(pdf);
    const first = Math.min(...tablePages);
    const last = Math.max(...tablePages);
    for (let p = first; p <= last; p++) {
      const size = sizes.find((s) => s.page === p)!;
      expect(size.width, `page ${p} is landscape`).toBeGreaterThan(size.height);
      expect(strip(pages[p]!), `page ${p} repeats the header`).toContain(strip('ขั้นตอน/วิธีการปฏิบัติ'));
    }
    // Portrait before and after the table.
    const before = sizes.find((s) => s.page === first - 1)!;
    expect(before.width).toBeLessThan(before.height);
    const closing = pagesWith(pages, 'ข้อเสนอแนะ/แนวทางในการจัดการกับข้อจำกัด')[0]!;
    expect(sizes.find((s) => s.page === closing)!.height).toBeGreaterThan(sizes.find((s) => s.page === closing)!.width);
    expect(strip(pages[last]!)).toContain(strip('การติดตามและรายงานผลการดำเนินการตามมาตรการ'));
    for (const topic of input.measures.topics) expect(all).toContain(strip(topic.title));
    expect(all).toContain(strip('ต.ค. ๖๖ – ก.ย. ๖๗'));
  });

  it('ends with limitations, suggestions and the approval block', () => {
    const last = strip(pages[pages.length - 1]!);
    expect(last).toContain(strip('ข้อจำกัดของหน่วยงาน'));
    expect(last).toContain(strip('องค์การบริหารส่วนจังหวัดลำปาง มีข้อจำกัดดังนี้'));
    expect(last).toContain('(ลงชื่อ)');
    expect(last).toContain(strip('(นายตัวอย่าง ผู้อนุมัติ)'));
    expect(last).toContain(strip('นายกองค์การบริหารส่วนจังหวัดลำปาง'));
    expect(last).toContain(strip('วันที่ ๑๐ มกราคม พ.ศ. ๒๕๖๗'));
  });

  it('numbers pages from the second, in Thai digits, and leaks no tone marks', () => {
    expect(strip(rawPages[1]!).startsWith('-๑-')).toBe(false);
    expect(strip(rawPages[2]!).startsWith('-๒-')).toBe(true);
    expect(strip(rawPages[rawPages.length - 1]!).startsWith(`-${[...String(pages.length - 1)].map((d) => String.fromCharCode(0x0e50 + Number(d))).join('')}-`)).toBe(true);
    expect(rawPages).toHaveLength(pages.length);
    expect(zeroWidthWords(pdf)).toEqual([]);
  });
});

describe('a document with Arabic digits and a five-year history', () => {
  let text: string;
  let arabicPdf: string;
  beforeAll(() => {
    const out = tempDir('measures-arabic-');
    const run = runCli(['build', ARABIC, '-o', out]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    arabicPdf = join(out, 'history-arabic.pdf');
    text = strip(pdftotext(arabicPdf));
  });

  it('prints Arabic digits and the level ผ่าน', () => {
    expect(text).toContain(strip('คะแนนรวม 91.57'));
    expect(text).toContain(strip('ระดับผลการประเมิน ผ่าน'));
    expect(text).not.toMatch(/[๐-๙]/);
  });

  it('draws the history chart as vector graphics', () => {
    expect(images(arabicPdf)).toEqual([]);
    for (const y of ['ปี2562', 'ปี2563', 'ปี2564', 'ปี2565', 'ปี2566', 'ปี2567']) expect(text).toContain(y);
    for (const v of ['78.40', '83.12', '88.75', '90.02', '92.50']) expect(text).toContain(v);
  });
});
