/**
 * The example plan (seed 004) printed by the real CLI with Chromium and checked
 * with poppler, as an officer would check the PDF.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { deriveDocument } from '../../src/pipeline.js';
import { readOutline } from '../../src/print/pdf.js';
import { outsideMargins, pageSizes, pageTexts, pdffonts, pdftotext, pdfinfo, ROOT, runCli, tempDir, toThaiDigits, zeroWidthWords } from '../helpers.js';

const EXAMPLE = join(ROOT, 'examples/lampang-pao/plan-2566-2570.yaml');
/** The page count of the example; update it deliberately when the layout changes. */
const EXPECTED_PAGES = 116;

const strip = (s: string) => s.replace(/\s+/g, '');

interface TocEntry {
  id: string;
  level: number;
  title: string;
}
interface PlanModel {
  toc: TocEntry[];
  projects: { id: string; sequence: string; name: string }[];
  dimensions: { label: string }[];
}

let pdf: string;
let pages: string[];
let model: PlanModel;
let cliOutput: string;

beforeAll(async () => {
  const out = tempDir('plan-e2e-');
  const run = runCli(['build', EXAMPLE, '-o', out]);
  cliOutput = run.stdout + run.stderr;
  expect(run.status, cliOutput).toBe(0);
  pdf = join(out, 'plan-2566-2570.pdf');
  pages = pageTexts(pdf);
  const derived = await deriveDocument(EXAMPLE);
  model = derived.derived!.model as PlanModel;
});

describe('the example plan PDF', () => {
  it('has the expected number of A4 pages, as the CLI reported', () => {
    const count = Number(/Pages:\s+(\d+)/.exec(pdfinfo(pdf))![1]);
    expect(count).toBe(EXPECTED_PAGES);
    expect(cliOutput).toContain(`${count} หน้า`);
    for (const size of pageSizes(pdf)) {
      const [short, long] = [Math.min(size.width, size.height), Math.max(size.width, size.height)];
      expect(Math.abs(short - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(long - 841.9)).toBeLessThan(1.5);
    }
  });

  it('prints Part 2 (the budget matrix) on landscape pages and the rest in portrait', () => {
    const start = pages.findIndex((t, i) => i > 0 && strip(t).includes('ภารกิจตามมิติ/โครงการ/กิจกรรม/มาตรการ'));
    const end = pages.findIndex((t) => strip(t).includes(strip('รวมทั้งสิ้น (จำนวน')));
    expect(start).toBeGreaterThan(3);
    expect(end).toBeGreaterThanOrEqual(start);
    for (const size of pageSizes(pdf)) {
      const landscape = size.width > size.height;
      expect(landscape, `page ${size.page}`).toBe(size.page >= start && size.page <= end);
    }
    // The names have room (at least 40 % of the width): Part 2 fits 12 landscape pages (16 before).
    expect(end - start + 1).toBeLessThanOrEqual(12);
    // No project row is cut: each name is whole on one page of the matrix.
    const raw = ['', ...pdftotext(pdf, ['-raw']).split('\f')];
    const matrix = raw.slice(start, end + 1).map(strip);
    for (const p of model.projects) expect(matrix.filter((t) => t.includes(strip(toThaiDigits(p.name)))).length, p.name).toBe(1);
    // The header row is repeated on every page of the matrix.
    for (let p = start; p <= end; p++) {
      expect(strip(pages[p]!)).toContain('ภารกิจตามมิติ/โครงการ/กิจกรรม/มาตรการ');
      expect(strip(pages[p]!)).toContain('ปี๒๕๗๐');
      expect(strip(pages[p]!)).toContain('หมายเหตุ');
    }
  });

  it('embeds Sarabun and no other font', () => {
    const fonts = pdffonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/\+Sarabun-/);
  });

  it('shows the computed totals and every project name', () => {
    const all = strip(pages.join(''));
    expect(all).toContain('๕,๘๒๕,๐๐๐.๐๐');
    expect(all).toContain(strip('รวมทั้งสิ้น (จำนวน ๓๗ โครงการ)'));
    expect(all).toContain(strip('รวมมิติที่ ๑ (จำนวน ๗ โครงการ)'));
    expect(all).toContain('๕,๒๒๕,๐๐๐.๐๐');
    expect(model.projects).toHaveLength(37);
    for (const p of model.projects) expect(all).toContain(strip(toThaiDigits(p.name)));
  });

  it('numbers the table of contents with the pages where the sections start', () => {
    const tocStart = pages.findIndex((t) => strip(t).includes('สารบัญ'));
    const last = model.toc[model.toc.length - 1]!;
    const tocEnd = pages.findIndex((t, i) => i >= tocStart && strip(t).includes(strip(last.title)));
    expect(tocStart).toBeGreaterThan(1);
    expect(tocEnd).toBeGreaterThanOrEqual(tocStart);
    const tocText = pages.slice(tocStart, tocEnd + 1).map(strip).join('');
    const afterToc = tocEnd + 1;
    const startPage = (entry: TocEntry): number => {
      if (entry.id === 'preface') return pages.findIndex((t, i) => i > 0 && strip(t).includes('คำนำ'));
      const project = model.projects.find((p) => p.id === entry.id);
      const needle = project ? strip(`รายละเอียดโครงการ/กิจกรรม/มาตรการ ลำดับที่ ${project.sequence}`) : strip(entry.title);
      return pages.findIndex((t, i) => i >= afterToc && strip(t).includes(needle));
    };
    expect(model.toc.length).toBeGreaterThan(40);
    // The page numbers are the right-aligned column of the contents pages, one per entry, in order.
    const xml = pdftotext(pdf, ['-bbox', '-f', String(tocStart), '-l', String(tocEnd)]);
    const printedNumbers = xml
      .split('<page ')
      .slice(1)
      .flatMap((pageXml) =>
        [...pageXml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([๐-๙]+)<\/word>/g)]
          .filter((m) => Number(m[3]) > 500 && Number(m[2]) > 80)
          .map((m) => m[4]!),
      );
    const expected = model.toc.map((entry) => {
      const page = startPage(entry);
      expect(page, entry.title).toBeGreaterThan(0);
      return toThaiDigits(String(page));
    });
    expect(printedNumbers).toEqual(expected);
    expect(tocText).toContain(strip(model.toc[1]!.title));
  });

  it('keeps text inside the official margins (left 3 cm, right 2 cm, top 2.5 cm, bottom 2 cm)', () => {
    expect(outsideMargins(pdf).slice(0, 5)).toEqual([]);
  });

  it('has no tone mark painted at the foot of a page (the leak of domain.md §5)', () => {
    expect(zeroWidthWords(pdf)).toEqual([]);
  });

  it('numbers pages "- ๒ -" from page 2, in Thai digits', () => {
    const firstLine = (p: number) => pdftotext(pdf, ['-layout', '-f', String(p), '-l', String(p)]).split('\n').find((l) => l.trim() !== '')!.trim();
    expect(firstLine(1)).not.toMatch(/^-\s*๑\s*-$/);
    for (const p of [2, 10, EXPECTED_PAGES]) expect(firstLine(p)).toMatch(new RegExp(`^-\\s*${toThaiDigits(String(p))}\\s*-$`));
  });

  it('carries metadata, language, tags and bookmarks for parts and projects', async () => {
    const info = pdfinfo(pdf);
    expect(info).toMatch(/Title:\s+แผนปฏิบัติการป้องกันการทุจริต/);
    expect(info).toMatch(/Author:\s+องค์การบริหารส่วนจังหวัดลำปาง/);
    expect(info).toMatch(/Subject:\s+\S/);
    expect(info).toMatch(/Keywords:\s+ITA/);
    expect(info).toMatch(/Tagged:\s+yes/);
    const bytes = readFileSync(pdf);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toContain('th');
    const outline = await readOutline(bytes);
    const titles = outline.map((o) => strip(o.title));
    for (const part of ['ส่วนที่ ๑ บทนำ', 'ส่วนที่ ๒ แผนปฏิบัติการป้องกันการทุจริต', 'ส่วนที่ ๓ รายละเอียดโครงการ/กิจกรรม/มาตรการ']) expect(titles).toContain(strip(part));
    for (const p of model.projects) expect(titles).toContain(strip(toThaiDigits(p.name)));
  });
});
