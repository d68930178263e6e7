/**
 * Where the printed PDF ends lines inside table cells, checked against Thai word
 * boundaries (Node's `Intl.Segmenter('th', { granularity: 'word' })`).
 *
 * The PDF's words (poppler, `pdftotext -bbox`) are gathered into lines, a line being
 * the words on one baseline up to a gap wider than a space (the next cell). Two lines
 * are consecutive in a cell when the second lies just below the first and overlaps it.
 * The junction is checked against the text of the document's table cells (from the
 * HTML the PDF was printed from): where the two lines, joined, are found in a cell, the
 * place they meet must be a word boundary of that cell's text. Line pairs not found in
 * any cell (body paragraphs, list markers, names repeated on a continuation page) are
 * not cell breaks, and are left out.
 */
import { pdftotext } from './helpers.js';

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
const THAI_LETTER = /[\u0e01-\u0e4e]/;

interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}
interface Line extends Word {
  page: number;
}

export interface CellBreak {
  page: number;
  before: string;
  after: string;
}

export interface BreakReport {
  /** Junctions between two Thai letters found in a cell's text and checked. */
  checked: number;
  /** Those that cut a word. */
  cuts: CellBreak[];
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');

/** A cell's text without whitespace, and which of its positions are word boundaries. */
interface CellText {
  text: string;
  boundary: Set<number>;
}

/** The text of every table cell of the HTML, blocks (paragraphs, list items) apart. */
export function cellTexts(html: string): CellText[] {
  const out: CellText[] = [];
  for (const m of html.matchAll(/<(td|th)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    const blocks = m[2]!
      .replace(/<template[\s\S]*?<\/template>/g, '')
      .split(/<(?:\/?(?:p|li|div|ol|ul|h\d)\b[^>]*|br\s*\/?)>/)
      .map((b) => decode(b.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim())
      .filter((b) => b !== '');
    if (blocks.length === 0) continue;
    const original = blocks.join('\n');
    // Boundaries of the text as written, carried over to its letters without whitespace.
    const breaks = new Set<number>();
    for (const s of segmenter.segment(original)) breaks.add(s.index);
    breaks.add(original.length);
    let text = '';
    const boundary = new Set<number>();
    for (let i = 0; i <= original.length; i++) {
      if (breaks.has(i)) boundary.add(text.length);
      const ch = original[i];
      if (ch !== undefined && !/\s/.test(ch)) text += ch;
    }
    out.push({ text, boundary });
  }
  return out;
}

function pdfLines(pdf: string): Line[] {
  const xml = pdftotext(pdf, ['-bbox']);
  const lines: Line[] = [];
  xml.split('<page ').slice(1).forEach((pageXml, p) => {
    const words: Word[] = [...pageXml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: decode(m[5]!),
    }));
    // Baselines, then runs of words no farther apart than a space.
    const rows = new Map<number, Word[]>();
    for (const w of words) {
      const key = [...rows.keys()].find((y) => Math.abs(y - w.y1) < 1) ?? w.y1;
      rows.set(key, [...(rows.get(key) ?? []), w]);
    }
    for (const row of rows.values()) {
      row.sort((a, b) => a.x0 - b.x0);
      let current: Line | undefined;
      for (const w of row) {
        const gap = current ? w.x0 - current.x1 : Infinity;
        if (current && gap < 0.3 * (w.y1 - w.y0)) {
          current.text += w.text;
          current.x1 = w.x1;
          current.y0 = Math.min(current.y0, w.y0);
        } else {
          current = { ...w, page: p + 1 };
          lines.push(current);
        }
      }
    }
  });
  return lines;
}

/** Checks every line end inside the table cells of `pdf`, printed from `html`. */
export function checkCellBreaks(pdf: string, html: string): BreakReport {
  const cells = cellTexts(html);
  const lines = pdfLines(pdf);
  const report: BreakReport = { checked: 0, cuts: [] };
  for (const a of lines) {
    const height = a.y1 - a.y0;
    const below = lines
      .filter((b) => b.page === a.page && b.y0 - a.y0 > 0.6 * height && b.y0 - a.y0 < 1.6 * height && Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0)
      .sort((p, q) => p.y0 - q.y0)[0];
    if (!below) continue;
    if (!THAI_LETTER.test(a.text.slice(-1))) continue;
    if (!THAI_LETTER.test(below.text[0] ?? '')) continue;
    const joined = a.text + below.text;
    let found = false;
    let ok = false;
    for (const cell of cells) {
      for (let at = cell.text.indexOf(joined); at >= 0; at = cell.text.indexOf(joined, at + 1)) {
        found = true;
        if (cell.boundary.has(at + a.text.length)) ok = true;
      }
    }
    if (!found) continue;
    report.checked += 1;
    if (!ok) report.cuts.push({ page: a.page, before: a.text.slice(-12), after: below.text.slice(0, 12) });
  }
  return report;
}
