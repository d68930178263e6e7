/**
 * Charts as inline SVG, drawn at build time with no library and no network.
 * Chromium prints inline SVG as vector paths and its <text> as real text in the
 * embedded Sarabun font, so the PDF stays sharp, searchable and small.
 *
 * Coordinates are in a fixed viewBox whose unit is one CSS pixel at the printed
 * width (16 cm of a portrait page ≈ 600 px), so font sizes read as CSS pixels.
 * Scores are integer hundredths; the value axis always runs from 0 to 100 with
 * the pass mark drawn as a dashed line.
 */
import { applyDigits, formatHundredths, type DigitStyle } from '../thai/index.js';

export interface BarItem {
  label: string;
  /** Score in hundredths (0–10000). */
  value: number;
}

export interface PointItem {
  /** Category label under the axis, e.g. "๒๕๖๒"; a second line (the level) is optional. */
  label: string;
  sublabel?: string;
  value: number;
}

export interface ChartOptions {
  digits: DigitStyle;
  /** Pass mark in hundredths (8500). */
  passMark: number;
  /** Accessible name of the chart. */
  title: string;
  width?: number;
}

const FONT = "font-family=\"Sarabun\"";
const COLOR_PASS = '#2f5d8a';
const COLOR_BELOW = '#c0392b';
const COLOR_GRID = '#c8c8c8';
const COLOR_MARK = '#d35400';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * Width of a text in em, estimated without a font engine: Thai marks above and
 * below (U+0E31, U+0E34–U+0E3A, U+0E47–U+0E4E) take no advance; other characters
 * are counted at Sarabun's typical advance. Used only to fit labels, generously.
 */
export function estimateWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0x0e31 || (c >= 0x0e34 && c <= 0x0e3a) || (c >= 0x0e47 && c <= 0x0e4e)) continue;
    if (ch === ' ') em += 0.25;
    else if (c >= 0x0e00 && c <= 0x0e7f) em += 0.56;
    else if (/[0-9.]/.test(ch)) em += 0.52;
    else em += 0.55;
  }
  return em;
}

/** The largest font size from `size` down to `min` at which `text` fits `width`. */
function fitFont(text: string, width: number, size: number, min: number): number {
  const em = estimateWidthEm(text);
  if (em * size <= width) return size;
  return Math.max(min, Math.floor((width / em) * 10) / 10);
}

/** A horizontal 0–100 axis under a plot: a grid line every 10 (labels every 20) and its caption. */
function hundredAxis(x0: number, pw: number, top: number, plotH: number, caption: string, digits: DigitStyle): string[] {
  const out: string[] = [];
  for (let v = 0; v <= 100; v += 10) {
    const x = x0 + (pw * v) / 100;
    out.push(`<line x1="${fmt(x)}" y1="${top}" x2="${fmt(x)}" y2="${top + plotH}" stroke="${COLOR_GRID}" stroke-width="${v === 0 ? 1.2 : 0.6}"/>`);
    if (v % 20 === 0) out.push(`<text x="${fmt(x)}" y="${top + plotH + 18}" font-size="13" text-anchor="middle">${applyDigits(String(v), digits)}</text>`);
  }
  out.push(`<text x="${fmt(x0 + pw / 2)}" y="${top + plotH + 36}" font-size="13" text-anchor="middle">${caption}</text>`);
  return out;
}

function svgOpen(width: number, height: number, title: string, cls: string): string {
  return `<svg class="chart ${cls}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(title)}" ${FONT}>`;
}

/**
 * Horizontal bars, one per item, with the item's label at the left, the score at
 * the bar's end and the value axis 0–100 below. Bars under the pass mark are red.
 */
export function barChart(items: readonly BarItem[], opts: ChartOptions): string {
  const W = opts.width ?? 600;
  const labelW = 230;
  const x0 = labelW + 10;
  const x1 = W - 12;
  const pw = x1 - x0;
  const row = 30;
  const top = 26;
  const plotH = items.length * row;
  const H = top + plotH + 40;
  const x = (v: number) => x0 + (pw * v) / 10000;
  const d = opts.digits;
  const out: string[] = [svgOpen(W, H, opts.title, 'bar-chart')];

  out.push(...hundredAxis(x0, pw, top, plotH, 'คะแนน', d));

  items.forEach((item, i) => {
    const y = top + i * row;
    const barH = row - 10;
    const by = y + 5;
    const below = item.value < opts.passMark;
    const size = fitFont(item.label, labelW - 4, 14, 9);
    out.push(`<text x="${labelW}" y="${fmt(y + row / 2 + 5)}" font-size="${size}" text-anchor="end">${esc(item.label)}</text>`);
    const w = Math.max(0, x(item.value) - x0);
    out.push(`<rect x="${x0}" y="${by}" width="${fmt(w)}" height="${barH}" fill="${below ? COLOR_BELOW : COLOR_PASS}"/>`);
    const value = formatHundredths(item.value, d);
    // Inside the bar's end in white when there is room, otherwise just after it.
    if (w > 60) out.push(`<text x="${fmt(x0 + w - 5)}" y="${fmt(by + barH / 2 + 4.5)}" font-size="13" font-weight="700" fill="#fff" text-anchor="end">${value}</text>`);
    else out.push(`<text x="${fmt(x0 + w + 4)}" y="${fmt(by + barH / 2 + 4.5)}" font-size="13" font-weight="700" text-anchor="start">${value}</text>`);
  });

  // The pass mark, over the bars.
  const mx = x(opts.passMark);
  out.push(`<line x1="${fmt(mx)}" y1="${top - 6}" x2="${fmt(mx)}" y2="${top + plotH}" stroke="${COLOR_MARK}" stroke-width="1.6" stroke-dasharray="5 3"/>`);
  out.push(`<text x="${fmt(mx)}" y="${top - 9}" font-size="13" text-anchor="middle" fill="${COLOR_MARK}">เกณฑ์ผ่าน ${applyDigits(String(opts.passMark / 100), d)}</text>`);
  out.push('</svg>');
  return out.join('');
}

/**
 * Points joined by a line, one per category (years), on a 0–100 axis with the
 * pass mark; each point carries its score, each category its label (and level).
 */
export function lineChart(points: readonly PointItem[], opts: ChartOptions): string {
  const W = opts.width ?? 600;
  const H = 300;
  const x0 = 44;
  const x1 = W - 16;
  const yTop = 34;
  const yBottom = 234;
  const d = opts.digits;
  const pw = x1 - x0;
  const y = (v: number) => yBottom - ((yBottom - yTop) * v) / 10000;
  const step = points.length > 0 ? pw / points.length : pw;
  const px = (i: number) => x0 + step * (i + 0.5);
  const out: string[] = [svgOpen(W, H, opts.title, 'line-chart')];

  for (let v = 0; v <= 10000; v += 1000) {
    out.push(`<line x1="${x0}" y1="${fmt(y(v))}" x2="${x1}" y2="${fmt(y(v))}" stroke="${COLOR_GRID}" stroke-width="${v === 0 ? 1.2 : 0.6}"/>`);
    if (v % 2000 === 0) out.push(`<text x="${x0 - 6}" y="${fmt(y(v) + 4.5)}" font-size="13" text-anchor="end">${applyDigits(String(v / 100), d)}</text>`);
  }
  out.push(`<line x1="${x0}" y1="${yTop}" x2="${x0}" y2="${yBottom}" stroke="#000" stroke-width="1"/>`);
  out.push(`<text x="${x0 - 6}" y="${yTop - 14}" font-size="13" text-anchor="middle">คะแนน</text>`);

  const my = y(opts.passMark);
  out.push(`<line x1="${x0}" y1="${fmt(my)}" x2="${x1}" y2="${fmt(my)}" stroke="${COLOR_MARK}" stroke-width="1.6" stroke-dasharray="5 3"/>`);
  out.push(`<text x="${x1}" y="${fmt(my + 15)}" font-size="13" text-anchor="end" fill="${COLOR_MARK}">เกณฑ์ผ่าน ${applyDigits(String(opts.passMark / 100), d)}</text>`);

  if (points.length > 1) {
    const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${fmt(px(i))} ${fmt(y(p.value))}`).join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${COLOR_PASS}" stroke-width="2.2"/>`);
  }
  points.forEach((p, i) => {
    const cx = px(i);
    const cy = y(p.value);
    const below = p.value < opts.passMark;
    out.push(`<circle cx="${fmt(cx)}" cy="${fmt(cy)}" r="4.5" fill="${below ? COLOR_BELOW : COLOR_PASS}"/>`);
    out.push(`<text x="${fmt(cx)}" y="${fmt(cy - 10)}" font-size="14" font-weight="700" text-anchor="middle">${formatHundredths(p.value, d)}</text>`);
    const size = fitFont(p.label, step - 6, 14, 9);
    out.push(`<text x="${fmt(cx)}" y="${yBottom + 22}" font-size="${size}" text-anchor="middle">${esc(p.label)}</text>`);
    if (p.sublabel) {
      const sub = fitFont(p.sublabel, step - 6, 13, 9);
      out.push(`<text x="${fmt(cx)}" y="${yBottom + 42}" font-size="${sub}" text-anchor="middle">${esc(p.sublabel)}</text>`);
    }
  });
  out.push('</svg>');
  return out.join('');
}

export interface StackSegment {
  label: string;
  color: string;
  /** Colour of the count written inside the segment (white on dark fills). */
  text: string;
}

export interface StackedRow {
  label: string;
  /** One count per segment, in the order of the segments. */
  values: number[];
}

/**
 * One horizontal bar per row, split into segments (e.g. projects per status), each
 * segment as wide as its share of the row's total, so rows of different sizes compare
 * as percentages; the count is written inside a segment that has room for it. The axis
 * runs 0–100 % and a legend names the segments below.
 */
export function stackedBarChart(rows: readonly StackedRow[], segments: readonly StackSegment[], opts: { digits: DigitStyle; title: string; width?: number }): string {
  const W = opts.width ?? 600;
  const labelW = Math.min(200, Math.max(60, ...rows.map((r) => estimateWidthEm(r.label) * 14 + 8)));
  const x0 = labelW + 10;
  const x1 = W - 14;
  const pw = x1 - x0;
  const row = 32;
  const top = 10;
  const plotH = rows.length * row;
  const legendY = top + plotH + 60;
  const H = legendY + 16;
  const d = opts.digits;
  const out: string[] = [svgOpen(W, H, opts.title, 'stacked-chart')];

  out.push(...hundredAxis(x0, pw, top, plotH, 'ร้อยละของจำนวนโครงการ', d));

  rows.forEach((r, i) => {
    const y = top + i * row;
    const by = y + 5;
    const barH = row - 10;
    out.push(`<text x="${labelW}" y="${fmt(y + row / 2 + 5)}" font-size="${fitFont(r.label, labelW - 4, 14, 9)}" text-anchor="end">${esc(r.label)}</text>`);
    const total = r.values.reduce((a, b) => a + b, 0);
    if (total === 0) {
      out.push(`<rect x="${x0}" y="${by}" width="${fmt(pw)}" height="${barH}" fill="none" stroke="${COLOR_GRID}"/>`);
      return;
    }
    let x = x0;
    r.values.forEach((count, k) => {
      if (count === 0) return;
      const w = (pw * count) / total;
      const seg = segments[k]!;
      out.push(`<rect x="${fmt(x)}" y="${by}" width="${fmt(w)}" height="${barH}" fill="${seg.color}" stroke="#fff" stroke-width="0.8"/>`);
      const text = applyDigits(String(count), d);
      if (w >= estimateWidthEm(text) * 13 + 6) out.push(`<text x="${fmt(x + w / 2)}" y="${fmt(by + barH / 2 + 4.5)}" font-size="13" font-weight="700" fill="${seg.text}" text-anchor="middle">${text}</text>`);
      x += w;
    });
  });

  // The legend: a square of each colour and its label, centred under the plot.
  const items = segments.map((s) => ({ s, w: 16 + estimateWidthEm(s.label) * 13 + 18 }));
  let lx = x0 + Math.max(0, (pw - items.reduce((a, i) => a + i.w, 0)) / 2);
  for (const { s, w } of items) {
    out.push(`<rect x="${fmt(lx)}" y="${legendY - 11}" width="12" height="12" fill="${s.color}"/>`);
    out.push(`<text x="${fmt(lx + 16)}" y="${legendY}" font-size="13">${esc(s.label)}</text>`);
    lx += w;
  }
  out.push('</svg>');
  return out.join('');
}
