/**
 * Printing a loaded page (printDocument): the "(ต่อ)" table passes of continued.ts, and
 * the table-of-contents page numbers in the same print.
 *
 * Chromium has no target-counter(), and a document learns where its headings land only
 * by printing. Instead of printing twice, the contents are laid out so that the numbers
 * cannot move anything, and the numbers are written into the printed PDF:
 *
 * 1. every page-number box (`[data-toc-for]`) gets a fixed width, as wide as the widest
 *    number of `places` digits, and holds a placeholder: the ten digits at a tiny size.
 *    Chromium then embeds each digit's glyph, width and Unicode mapping in the font of
 *    that entry, and draws the placeholder as one text object at the box's left edge, on
 *    the entry's baseline (at the right edge, the last digit would be cut off: Chromium
 *    leaves out a glyph that reaches past the printable area);
 * 2. after the print, the outline says on which page each heading landed;
 * 3. each placeholder's text object is replaced by the number at the entry's own size,
 *    right-aligned at the same edge, in the same font (the glyphs are already there), so
 *    text extraction, tags and links are as if Chromium had printed the number itself.
 *
 * The numbers are as wide as `digits` allows (like LaTeX's page-number box); a document
 * with more pages than that needs is printed again with wider boxes.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFObject } from './pdf-lib.js';
import type { Page } from 'puppeteer-core';
import { bi, UserError } from '../diagnostics.js';
import type { DigitStyle } from '../thai/index.js';
import { printWithContinuedTables } from './continued.js';
import { loadPdf, readOutline, type OutlineEntry } from './pdf.js';

/** What printing a document needs to know about it. */
export interface TocJob {
  /** The YAML file, for diagnostics. */
  file: string;
  digits: DigitStyle;
}

/** CSS pixels: no other text of a document is this small, so the placeholders are recognised by it. */
export const PLACEHOLDER_SIZE = 0.25;
/** How Chromium writes that size in a content stream (".25 Tf"). */
const PLACEHOLDER_FONT = /[ \n]0?\.25 Tf/;

export function digitsOf(style: DigitStyle): string {
  return style === 'thai' ? '๐๑๒๓๔๕๖๗๘๙' : '0123456789';
}

/** One page-number box of the contents, in document order. */
export interface TocBox {
  /** The heading it refers to. */
  id: string;
  /** Font size of the entry, in CSS pixels (the unit of Chromium's content streams). */
  size: number;
  /** Width of the box, in CSS pixels. */
  width: number;
}

/**
 * In the page: turns every `[data-toc-for]` into a fixed-width box holding the placeholder
 * (see the top of this file). Sent to the browser on its own: no outside references.
 */
export function placeTocPlaceholders(digits: string, places: number, tiny: number): TocBox[] {
  // Measured on a canvas: asking the page for a width would lay the whole document out on screen.
  const context = document.createElement('canvas').getContext('2d')!;
  const widest = new Map<string, number>();
  const boxes: TocBox[] = [];
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-toc-for]'))) {
    const style = getComputedStyle(el);
    const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    let digitWidth = widest.get(font);
    if (digitWidth === undefined) {
      context.font = font;
      digitWidth = Math.max(...Array.from(digits, (d) => context.measureText(d).width));
      widest.set(font, digitWidth);
    }
    const width = Math.ceil(digitWidth * places * 64) / 64;
    el.style.width = el.style.minWidth = el.style.maxWidth = `${width}px`;
    el.style.textAlign = 'left';
    el.style.whiteSpace = 'nowrap';
    const placeholder = document.createElement('span');
    placeholder.style.fontSize = `${tiny}px`;
    placeholder.textContent = digits;
    el.replaceChildren(placeholder);
    boxes.push({ id: el.dataset.tocFor ?? '', size: parseFloat(style.fontSize), width });
  }
  return boxes;
}

const num = (n: number) => String(Math.round(n * 100000) / 100000);

/** Glyph widths (1/1000 em) of a Type0 font's descendant, from its /W array. */
function glyphWidths(doc: PDFDocument, type0: PDFDict): Map<number, number> {
  const ctx = doc.context;
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const widths = new Map<number, number>();
  const descendants = deref(type0.get(PDFName.of('DescendantFonts')));
  const cid = descendants instanceof PDFArray ? deref(descendants.get(0)) : undefined;
  const w = cid instanceof PDFDict ? deref(cid.get(PDFName.of('W'))) : undefined;
  if (!(w instanceof PDFArray)) return widths;
  const n = (o: PDFObject | undefined) => (deref(o) instanceof PDFNumber ? (deref(o) as PDFNumber).asNumber() : NaN);
  for (let i = 0; i < w.size(); ) {
    const first = n(w.get(i));
    const next = deref(w.get(i + 1));
    if (next instanceof PDFArray) {
      for (let k = 0; k < next.size(); k++) widths.set(first + k, n(next.get(k)));
      i += 2;
    } else {
      const last = n(w.get(i + 1));
      for (let g = first; g <= last; g++) widths.set(g, n(w.get(i + 2)));
      i += 3;
    }
  }
  return widths;
}

/**
 * A placeholder as Chromium (Skia) writes it: one text object, the font at the placeholder
 * size, a text matrix at the first glyph, then the other nine glyphs each after a Td.
 */
const PLACEHOLDER = /BT\s+\/(\S+)\s+([\d.]+)\s+Tf\s+1 0 0 -1 (-?[\d.]+) (-?[\d.]+) Tm\s+<([0-9A-Fa-f]{4})>\s*Tj((?:\s+-?[\d.]+ 0 Td\s+<[0-9A-Fa-f]{4}>\s*Tj){9})\s+ET/g;

/**
 * Writes `numbers` (one per box, in document order; undefined leaves the box empty) over
 * the placeholders of the printed document. False, with the document unchanged, when the
 * placeholders are not all where they should be (the caller then prints the numbers instead).
 */
export function fillTocNumbers(doc: PDFDocument, boxes: TocBox[], numbers: (number | undefined)[]): boolean {
  const ctx = doc.context;
  const edits: { ref: PDFRef; text: string }[] = [];
  let box = 0;
  for (const page of doc.getPages()) {
    if (box === boxes.length) break;
    const contents = page.node.get(PDFName.of('Contents'));
    if (!(contents instanceof PDFRef)) continue;
    const stream = ctx.lookup(contents);
    // Chromium deflates every content stream; zlib (native) is ten times faster than pdf-lib's pako here.
    if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Filter')) !== PDFName.of('FlateDecode')) continue;
    const text = inflateSync(stream.contents).toString('latin1');
    if (!PLACEHOLDER_FONT.test(text)) continue;
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    let failed = false;
    const patched = text.replace(PLACEHOLDER, (whole, font: string, size: string, x: string, y: string, first: string, rest: string) => {
      if (Number(size) !== PLACEHOLDER_SIZE || failed) return whole;
      const type0 = fonts?.lookupMaybe(PDFName.of(font), PDFDict);
      const widths = type0 ? glyphWidths(doc, type0) : new Map<number, number>();
      const glyphs = [first, ...[...rest.matchAll(/<([0-9A-Fa-f]{4})>/g)].map((m) => m[1]!)];
      const target = boxes[box];
      if (!target) {
        failed = true;
        return whole;
      }
      box += 1;
      const right = Number(x) + target.width;
      const n = numbers[box - 1];
      if (n === undefined) return '';
      const digits = String(n).split('').map((d) => glyphs[Number(d)]!);
      const advance = digits.map((g) => ((widths.get(parseInt(g, 16)) ?? NaN) * target.size) / 1000);
      if (advance.some(Number.isNaN)) {
        failed = true;
        return whole;
      }
      const left = right - advance.reduce((a, b) => a + b, 0);
      const shows = digits.map((g, i) => (i === 0 ? `<${g}> Tj` : `${num(advance[i - 1]!)} 0 Td <${g}> Tj`));
      return `BT\n/${font} ${num(target.size)} Tf\n1 0 0 -1 ${num(left)} ${y} Tm\n${shows.join('\n')}\nET`;
    });
    if (failed) return false;
    if (patched !== text) edits.push({ ref: contents, text: patched });
  }
  if (box !== boxes.length) return false;
  for (const { ref, text } of edits) ctx.assign(ref, ctx.stream(deflateSync(Buffer.from(text, 'latin1')), { Filter: 'FlateDecode' }));
  return true;
}

/**
 * Prints the page: the "(ต่อ)" table passes (continued.ts), and the contents' page numbers
 * from the same print. The boxes are laid out for numbers of `places` digits, so a document
 * of more pages than that is printed again with wider boxes; 3 digits serve every document
 * below 1,000 pages. Returns the PDF, loaded when it had to be read.
 */
export async function printDocument(page: Page, job: TocJob, pdfOnce: () => Promise<Uint8Array>): Promise<Uint8Array | PDFDocument> {
  const print = () => printWithContinuedTables(page, pdfOnce);
  const hasToc = await page.evaluate(() => document.querySelector('[data-toc-for]') !== null);
  if (!hasToc) return print();
  const headings = await page.evaluate(() =>
    Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((h) => ({
      id: h.id || h.closest('[id]')?.id || '',
      text: (h.textContent ?? '').replace(/\s+/g, ''),
    })),
  );
  for (let places = 3; ; places++) {
    const boxes = await page.evaluate(placeTocPlaceholders, digitsOf(job.digits), places, PLACEHOLDER_SIZE);
    const printed = await print();
    const doc = printed instanceof PDFDocument ? printed : await loadPdf(printed);
    const pages = pagesOfHeadings(headings, await readOutline(doc));
    const numbers = boxes.map((b) => pages[b.id]);
    if (numbers.some((n) => n !== undefined && String(n).length > places)) continue;
    if (fillTocNumbers(doc, boxes, numbers)) return doc;
    return printTocNumbers(page, job, headings, pages, pdfOnce);
  }
}

/**
 * The way without placeholders (should Chromium ever draw them otherwise): write the
 * numbers into the page and print again, until the outline confirms them. The boxes keep
 * their fixed width, so this takes one more print.
 */
async function printTocNumbers(page: Page, job: TocJob, headings: Heading[], pages: Record<string, number>, pdfOnce: () => Promise<Uint8Array>): Promise<PDFDocument> {
  for (let pass = 0; pass < 3; pass++) {
    await page.evaluate(
      (entries: [string, number][], digits: string) => {
        const map = new Map(entries);
        for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-toc-for]'))) {
          const n = map.get(el.dataset.tocFor ?? '');
          el.textContent = n === undefined ? '' : String(n).replace(/[0-9]/g, (d) => digits[Number(d)]!);
        }
      },
      Object.entries(pages),
      digitsOf(job.digits),
    );
    const doc = await loadPdf(await pdfOnce());
    const printed = pagesOfHeadings(headings, await readOutline(doc));
    if (JSON.stringify(printed) === JSON.stringify(pages)) return doc;
    pages = printed;
  }
  throw new UserError([
    {
      severity: 'error', code: 'print/toc-unstable', file: job.file, line: 0, column: 0, path: [],
      message: bi('เลขหน้าในสารบัญไม่คงที่หลังพิมพ์ซ้ำหลายรอบ', 'the table of contents did not settle after several passes'),
      hint: bi('แจ้งผู้พัฒนาพร้อมไฟล์ YAML นี้', 'report this to the developers with the YAML file'),
    },
  ]);
}

interface Heading {
  id: string;
  text: string;
}

/** Chromium's outline lists the headings in document order; match them up (by text when counts differ). */
function pagesOfHeadings(headings: Heading[], outline: OutlineEntry[]): Record<string, number> {
  const pages: Record<string, number> = {};
  const norm = (s: string) => s.replace(/\s+/g, '');
  if (outline.length === headings.length) {
    headings.forEach((h, i) => {
      if (h.id && pages[h.id] === undefined) pages[h.id] = outline[i]!.page;
    });
    return pages;
  }
  let from = 0;
  for (const h of headings) {
    const at = outline.findIndex((o, i) => i >= from && norm(o.title) === h.text);
    if (at >= 0) {
      if (h.id && pages[h.id] === undefined) pages[h.id] = outline[at]!.page;
      from = at + 1;
    }
  }
  return pages;
}
