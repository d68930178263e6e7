/**
 * Tables whose header says "(ต่อ)" on the pages where they continue.
 *
 * Chromium repeats a table's <thead> on every page, but as an exact copy: no CSS
 * can change its text on the second page (the spec has nothing for it; every
 * engine answers the same). So, like the table of contents, this takes passes:
 *
 * 1. mark where every line of every cell starts (a span around its first character,
 *    placed from the screen layout, which the kind makes as wide as the printed text), give
 *    each mark, row and header an id, and link to each id from a hidden element:
 *    Chromium then writes a named destination per id into the PDF, which says on
 *    which page the line starts;
 * 2. print, and read those pages back;
 * 3. cut each table where a page begins: rows that start on the next page move to a
 *    new table that starts on a new page; a row that runs over the page is itself cut,
 *    each cell between the last line on the page and the first on the next (a list item
 *    or paragraph cut in two keeps its look: the rest gets the class `ct-rest` and an
 *    empty copy of its `[data-marker]`). The new table's header is the old one with the
 *    label appended to every element marked `data-continued-mark` (a group's name) and to
 *    the heading of every column whose cell continues from the previous page;
 * 4. the continuations now begin pages of their own: lay each such page out on screen (it
 *    holds the page's content height from the continuation's top) and cut again where it
 *    ends, round after round without printing (screenPages), until every page fits;
 * 5. print again, read it back, and repeat from 3 only if a table still runs over a page
 *    (the examples never do: two prints, one to measure and the final one).
 *
 * Opt in with `<table data-continued-label="(ต่อ)">`. Optional markup:
 * - `th[data-col="N"]` the heading of column N (receives the label when column N's cell continues);
 * - `[data-continued-mark]` inside the thead (receives the label on every continuation);
 * - `td[data-group-cell]` with `tr[data-group]`: a column that shows a group's name once;
 *   its heading gets the label on a page where the group goes on;
 * - `<template class="ct-repeat">` in a cell: what the cell prints again, followed by the
 *   label, at the top of a page where its row or group goes on and the cell has nothing
 *   left to print (a group's name, a measure's name); shortened with "…" to two lines;
 * - `tr[data-group-title]` with `data-group`: a row that titles the group's rows below it;
 *   repeated, with the label, at the top of a page where the group goes on;
 * - `[data-units]` on a block in a cell: its children are the blocks a page may fall between;
 * - `[data-marker]` on a list item's number or bullet: not repeated when the item is cut;
 * - the last row of a cut table gets the class `ct-last-row`, the first of the next `ct-first-row`.
 *
 * Independently, before the first print (prepareTables), a cell whose longest word is wider
 * than its column is shrunk to fit, and `table[data-keep-rows-below="5.5cm"]` keeps rows
 * shorter than that whole (break-inside: avoid) while longer rows may run over a page.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from './pdf-lib.js';
import type { Page } from 'puppeteer-core';
import { loadPdf, nameTree } from './pdf.js';

const MAX_PASSES = 8;
/** Cuts made from the screen layout between two prints: one page of each table per round. */
const MAX_SCREEN_ROUNDS = 200;

/** Page (1-based) of every named destination in the PDF. */
export function readDestinations(doc: PDFDocument): Map<string, number> {
  const ctx = doc.context;
  const pageNumber = new Map<string, number>();
  doc.getPages().forEach((p, i) => pageNumber.set(p.ref.toString(), i + 1));
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const pageOf = (value: PDFObject | undefined): number | undefined => {
    let v = deref(value);
    if (v instanceof PDFDict) v = deref(v.get(PDFName.of('D')));
    if (!(v instanceof PDFArray)) return undefined;
    const target = v.get(0);
    return target instanceof PDFRef ? pageNumber.get(target.toString()) : undefined;
  };
  const out = new Map<string, number>();
  // PDF 1.1 style: /Dests in the catalog (what Chromium writes).
  const dests = deref(doc.catalog.get(PDFName.of('Dests')));
  if (dests instanceof PDFDict) {
    for (const [name, value] of dests.entries()) {
      const page = pageOf(value);
      if (page !== undefined) out.set(name.decodeText(), page);
    }
  }
  // PDF 1.2 style: a name tree under /Names /Dests.
  const names = deref(doc.catalog.get(PDFName.of('Names')));
  if (names instanceof PDFDict) {
    for (const [key, value] of nameTree(doc, names.get(PDFName.of('Dests'))).entries) {
      const page = pageOf(value);
      if ((key instanceof PDFString || key instanceof PDFHexString) && page !== undefined) out.set(key.decodeText(), page);
    }
  }
  return out;
}

/**
 * Prints the page, cutting tables with `data-continued-label` until none runs over a
 * page; returns the last print, parsed when it had to be read (so it is not parsed twice).
 * Without such tables this is one print.
 */
export async function printWithContinuedTables(page: Page, print: () => Promise<Uint8Array>): Promise<Uint8Array | PDFDocument> {
  await page.evaluate(prepareTables);
  let count = await page.evaluate(prepareContinued);
  let printed = await print();
  for (let pass = 0; count > 0 && pass < MAX_PASSES; pass++) {
    const doc = await loadPdf(printed);
    const pages = readDestinations(doc);
    const heights = doc.getPages().map((p) => (p.getHeight() * 96) / 72);
    await page.evaluate(notePageHeights, Object.fromEntries(pages), heights);
    if (!(await page.evaluate(splitContinued, Object.fromEntries(pages)))) return doc;
    count = await page.evaluate(prepareContinued);
    // The cuts move rows onto the pages after them: lay those pages out on screen and cut
    // again where each ends, so that the next print is the last (it is still read back).
    for (let round = 0; round < MAX_SCREEN_ROUNDS; round++) {
      if (!(await page.evaluate(splitContinued, await page.evaluate(screenPages)))) break;
      count = await page.evaluate(prepareContinued);
    }
    printed = await print();
  }
  return printed;
}

// ---------------------------------------------------------------------------
// In the page. Each function is sent to the browser on its own: no outside references.

/**
 * Before the first print: header rows get the height they have with their "(ต่อ)"; a cell
 * whose longest word (kept whole, see src/render/thai-words.ts)
 * is wider than its column gets a smaller font until it fits (down to 8 pt; past that
 * the word may break, never cover the next column), rather than a cut word; then
 * rows of `table[data-keep-rows-below]` shorter than that height are kept whole.
 */
function prepareTables(): void {
  /** 8 pt in CSS pixels: the smallest text a cell is shrunk to. */
  const MIN_SIZE = (8 * 96) / 72;
  /** A word (or a figure that never wraps) reaching past the cell's padding edge. */
  const overflows = (cell: HTMLTableCellElement): boolean => {
    if (cell.scrollWidth > cell.clientWidth + 0.5) return true;
    // Collapsed borders lend each cell half their width: a pixel of slack.
    const right = cell.getBoundingClientRect().right - parseFloat(getComputedStyle(cell).paddingRight);
    return Array.from(cell.querySelectorAll('.w')).some((w) => w.getBoundingClientRect().right > right + 1);
  };
  const wide = Array.from(document.querySelectorAll<HTMLTableCellElement>('td, th')).filter(overflows);
  for (const cell of wide) {
    const base = parseFloat(getComputedStyle(cell).fontSize);
    for (let size = base * 0.95; size >= MIN_SIZE && overflows(cell); size -= base * 0.05) cell.style.fontSize = `${size.toFixed(2)}px`;
    // A column too narrow even for 8 pt: better a word broken than text over the next column.
    if (overflows(cell)) for (const w of Array.from(cell.querySelectorAll<HTMLElement>('.w'))) w.style.whiteSpace = 'normal';
  }
  // A header row is as tall on every page as it is with its "(ต่อ)": a heading that wraps
  // when labelled would otherwise push a continued page's rows below where they were measured.
  for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('table[data-continued-label]'))) {
    const label = table.dataset.continuedLabel ?? '';
    const head = table.tHead;
    if (label === '' || !head) continue;
    const marks = Array.from(head.querySelectorAll('th[data-col], [data-continued-mark]')).map((el) => {
      const mark = document.createElement('span');
      mark.className = 'ct-mark';
      mark.textContent = ` ${label}`;
      return el.appendChild(mark);
    });
    const heights = Array.from(head.rows).map((r) => r.getBoundingClientRect().height);
    for (const m of marks) m.remove();
    Array.from(head.rows).forEach((r, i) => (r.style.height = `${heights[i]}px`));
  }
  for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('table[data-keep-rows-below]'))) {
    const probe = document.createElement('div');
    probe.style.cssText = `position:absolute;visibility:hidden;height:${table.dataset.keepRowsBelow}`;
    document.body.appendChild(probe);
    const limit = probe.getBoundingClientRect().height;
    probe.remove();
    for (const body of Array.from(table.tBodies)) {
      for (const row of Array.from(body.rows)) if (row.getBoundingClientRect().height <= limit) row.style.breakInside = 'avoid';
    }
  }
}

/**
 * Ids on the headers, rows and lines of the tables, and a hidden link to each; returns how many.
 * Lines: a `span.ct-line` wraps the first character of each line of a cell, found on screen
 * (the kind lays the page out at its print width on screen, so lines break the same).
 */
function prepareContinued(): number {
  const tables = Array.from(document.querySelectorAll<HTMLTableElement>('table[data-continued-label]'));
  const cells = tables.flatMap((t) => Array.from(t.tBodies).flatMap((b) => Array.from(b.rows).flatMap((r) => Array.from(r.cells))));
  // First find every line start (no DOM change in between, so layout is computed once) …
  const starts: { node: Text; offsets: number[] }[] = [];
  const range = document.createRange();
  for (const cell of cells) {
    if (cell.querySelector('.ct-line')) continue;
    let lineTop = -Infinity;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (n.parentElement?.closest('[data-marker]')) continue;
      const offsets: number[] = [];
      for (let k = 0; k < n.data.length; k++) {
        if (/\s/.test(n.data[k]!)) continue;
        range.setStart(n, k);
        range.setEnd(n, k + 1);
        const rect = range.getBoundingClientRect();
        if (rect.height === 0) continue;
        if (rect.top > lineTop + rect.height / 2) offsets.push(k);
        if (rect.top > lineTop + rect.height / 2 || rect.top < lineTop - rect.height / 2) lineTop = rect.top;
      }
      if (offsets.length > 0) starts.push({ node: n, offsets });
    }
  }
  // … then mark them, last first so the offsets stay valid. The mark wraps the line's first
  // grapheme: an empty element at a line start belongs to the end of the line before.
  const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
  for (const { node, offsets } of starts) {
    for (const k of offsets.reverse()) {
      const first = graphemes.segment(node.data).containing(k);
      const length = first ? first.index + first.segment.length - k : 1;
      const mid = node.splitText(k);
      mid.splitText(length);
      const span = document.createElement('span');
      span.className = 'ct-line';
      mid.replaceWith(span);
      span.appendChild(mid);
    }
  }
  document.getElementById('ct-probe')?.remove();
  const ids: string[] = [];
  let n = Number(document.body.dataset.ctNext ?? '0');
  const idOf = (el: Element) => {
    if (!el.id) el.id = `ct-${n++}`;
    ids.push(el.id);
  };
  for (const table of tables) {
    if (table.tHead) idOf(table.tHead);
    for (const body of Array.from(table.tBodies)) {
      for (const row of Array.from(body.rows)) {
        idOf(row);
        for (const line of Array.from(row.querySelectorAll('.ct-line'))) idOf(line);
      }
    }
  }
  document.body.dataset.ctNext = String(n);
  if (ids.length === 0) return 0;
  const probe = document.createElement('div');
  probe.id = 'ct-probe';
  probe.style.display = 'none';
  for (const id of ids) {
    const a = document.createElement('a');
    a.href = `#${id}`;
    probe.appendChild(a);
  }
  document.body.appendChild(probe);
  return ids.length;
}

/**
 * After a print: the height of the page each table starts on (CSS pixels, from the PDF), for
 * screenPages; a continuation made later copies it from its table.
 */
function notePageHeights(pages: Record<string, number>, heights: number[]): void {
  for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('table[data-continued-label]'))) {
    const first = table.tHead ?? table.tBodies[0]?.rows[0];
    const page = first?.id ? pages[first.id] : undefined;
    if (table.dataset.ctPageHeight === undefined && page !== undefined) table.dataset.ctPageHeight = String(heights[page - 1]);
  }
}

/**
 * The page of the headers, rows and lines of the tables that start on a page of their own
 * (a continuation, or a table moved there), and of the tables that begin on that same page
 * after them, as Chromium will print them: the page begins where the table's box (with its
 * margin, kept after a forced break) begins on screen, and holds the page's content height.
 * Only that page is laid out here: what is below it gets the next page's number, and is cut
 * in the next round, when its own continuation begins a page. Other tables are left out
 * (their pages came from the print). Like the print, a line goes over when its line box does
 * not fit, keeping `orphans` and `widows` lines of its block together; a row that breaks
 * inside avoid goes over whole, and a row that avoids a break after it goes with the next.
 */
function screenPages(): Record<string, number> {
  const out: Record<string, number> = {};
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;visibility:hidden';
  document.body.appendChild(probe);
  const length = (value: string) => {
    probe.style.height = value;
    return probe.getBoundingClientRect().height;
  };
  const pageRules = Array.from(document.styleSheets)
    .flatMap((sheet) => {
      try {
        return Array.from(sheet.cssRules);
      } catch {
        return []; // a sheet from elsewhere cannot be read (the page loads local files only)
      }
    })
    .filter((r): r is CSSPageRule => r instanceof CSSPageRule);
  /** The height inside the margins of the page `table` is printed on. */
  const contentHeight = (table: HTMLElement): number | undefined => {
    const height = Number(table.dataset.ctPageHeight);
    if (!height) return undefined;
    let name = 'auto';
    for (let e: Element | null = table; e && name === 'auto'; e = e.parentElement) name = getComputedStyle(e).page || 'auto';
    let top = 0;
    let bottom = 0;
    for (const rule of [...pageRules.filter((r) => r.selectorText === ''), ...pageRules.filter((r) => r.selectorText === name)]) {
      if (rule.style.marginTop) top = length(rule.style.marginTop);
      if (rule.style.marginBottom) bottom = length(rule.style.marginBottom);
    }
    return height - top - bottom;
  };
  /** The block whose line boxes a line belongs to. */
  const blockOf = (line: Element): Element => {
    let e = line.parentElement!;
    while (e.parentElement && getComputedStyle(e).display.startsWith('inline')) e = e.parentElement;
    return e;
  };

  /** Elements of a row (the row, then its lines) with the page each lands on, the row's page by its top. */
  const placeRow = (row: HTMLTableRowElement, fits: (bottom: number) => boolean): Map<Element, number> => {
    const placed = new Map<Element, number>();
    const rect = row.getBoundingClientRect();
    const whole = getComputedStyle(row).breakInside === 'avoid' && !fits(rect.bottom);
    placed.set(row, whole || !fits(rect.top) ? 2 : 1);
    const blocks = new Map<Element, Element[]>();
    for (const line of linesOf(row)) {
      const block = blockOf(line);
      blocks.set(block, [...(blocks.get(block) ?? []), line]);
    }
    for (const [block, own] of blocks) {
      const bottoms = own.map((line) => {
        const r = line.getBoundingClientRect();
        const height = parseFloat(getComputedStyle(line).lineHeight) || r.height * 1.2;
        return (r.top + r.bottom) / 2 + height / 2;
      });
      let kept = whole ? 0 : bottoms.filter(fits).length;
      if (kept > 0 && kept < own.length) {
        const { orphans, widows } = getComputedStyle(block);
        kept = Math.min(kept, own.length - (Number(widows) || 2));
        if (kept < (Number(orphans) || 2)) kept = 0;
      }
      own.forEach((line, i) => placed.set(line, i < kept ? 1 : 2));
    }
    return placed;
  };

  /**
   * Pages 1 and 2 for a table whose page holds what is above `end`. Like Chromium, a break
   * inside a row where a cell would keep nothing of its text (orphans) is worse than one
   * before the row, unless the row before avoids a break after it; the best break is the
   * last one of the best kind, and the start of a table that is not the first on its page
   * is a good one (the whole table goes over: `moved`).
   */
  const placeTable = (table: HTMLTableElement, end: number, forced: boolean): { placed: Map<Element, number>; moved: boolean } => {
    const fits = (bottom: number) => bottom <= end + 0.01;
    const rows = Array.from(table.tBodies).flatMap((b) => Array.from(b.rows));
    const placed = new Map<Element, number>();
    if (table.tHead) placed.set(table.tHead, fits(table.tHead.getBoundingClientRect().bottom) ? 1 : 2);
    const byRow = rows.map((r) => placeRow(r, fits));
    for (const m of byRow) for (const [e, p] of m) placed.set(e, p);
    const over = byRow.findIndex((m) => [...m.values()].includes(2));
    if (over < 0) return { placed, moved: false };
    const row = rows[over]!;
    const split = [...byRow[over]!.values()].includes(1);
    const cellLeftEmpty = Array.from(row.cells).some((c) => {
      const lines = linesOf(c);
      return lines.length > 0 && lines.every((l) => placed.get(l) === 2);
    });
    if (split && !cellLeftEmpty) return { placed, moved: false };
    // The latest good break before the row: not after a row that avoids one.
    let at = over;
    while (at > 0 && getComputedStyle(rows[at - 1]!).breakAfter === 'avoid') at -= 1;
    if (at === 0 && forced) return { placed, moved: false };
    for (const r of rows.slice(at)) {
      placed.set(r, 2);
      for (const l of linesOf(r)) placed.set(l, 2);
    }
    return { placed, moved: at === 0 };
  };

  let frame: { top: number; bottom: number } | undefined;
  for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('table[data-continued-label]'))) {
    const style = getComputedStyle(table);
    const box = table.getBoundingClientRect();
    const height = contentHeight(table);
    const forced = style.breakBefore === 'page';
    if (forced) {
      const top = box.top - parseFloat(style.marginTop);
      frame = height ? { top, bottom: top + height } : undefined;
    } else if (frame && box.top >= frame.bottom) frame = undefined;
    if (!frame) continue;
    let { placed, moved } = placeTable(table, frame.bottom, forced);
    // A table that goes over whole begins the next page (its margin dropped at the break).
    if (moved && height) {
      frame = { top: box.top, bottom: box.top + height };
      placed = placeTable(table, frame.bottom, true).placed;
    }
    for (const [e, p] of placed) if (e.id) out[e.id] = p;
  }
  probe.remove();
  return out;

  function linesOf(el: Element): Element[] {
    return Array.from(el.querySelectorAll('.ct-line'));
  }
}

/** Cuts every table where a page begins (see the top of this file); true when anything changed. */
function splitContinued(pages: Record<string, number>): boolean {
  /** The blocks of a cell a page may fall between: list items, paragraphs, children of [data-units] (not what it repeats). */
  const units = (cell: Element): Element[] =>
    Array.from(cell.children)
      .filter((c) => c.tagName !== 'TEMPLATE')
      .flatMap((c) => (c.tagName === 'OL' || c.tagName === 'UL' || c.hasAttribute('data-units') ? Array.from(c.children) : [c]));
  const pageOf = (el: Element): number | undefined => (el.id ? pages[el.id] : undefined);
  const linesOf = (el: Element) => Array.from(el.querySelectorAll('.ct-line'));
  const firstPage = (unit: Element): number | undefined => {
    const first = linesOf(unit)[0];
    return first ? pageOf(first) : undefined;
  };
  const rowStart = (row: HTMLTableRowElement): number | undefined => {
    const inner = Array.from(row.cells).flatMap(units).map(firstPage).filter((p): p is number => p !== undefined);
    return inner.length > 0 ? Math.min(...inner) : pageOf(row);
  };
  const mark = (el: Element, label: string) => {
    if (label === '' || el.querySelector(':scope > .ct-mark')) return;
    const span = document.createElement('span');
    span.className = 'ct-mark';
    span.textContent = ` ${label}`;
    el.appendChild(span);
  };
  const stripIds = (el: Element) => {
    el.removeAttribute('id');
    for (const d of Array.from(el.querySelectorAll('[id]'))) d.removeAttribute('id');
  };
  /** Moves the lines of `unit` from `line` on into a copy of it (its marker kept, empty); returns the copy. */
  const splitUnit = (unit: Element, line: Element): Element => {
    const r = document.createRange();
    r.setStartBefore(line);
    r.setEnd(unit, unit.childNodes.length);
    const tail = r.extractContents();
    const copy = unit.cloneNode(false) as Element;
    copy.removeAttribute('id');
    copy.classList.add('ct-rest');
    const marker = unit.querySelector(':scope > [data-marker]');
    if (marker) copy.appendChild(marker.cloneNode(false));
    copy.appendChild(tail);
    return copy;
  };

  /**
   * Where a paragraph or list item cut at line `at` of its `lines` really breaks: at least
   * two of its lines stay and two go over (no orphan, no widow); a line goes over early
   * to save a widow, and a unit too short to share moves whole.
   */
  const keepTwo = (lines: Element[], at: number): Element => {
    let k = at;
    if (lines.length - k < 2) k -= 1;
    return lines[k >= 2 ? k : 0]!;
  };

  /**
   * Fills `target` (the top cell of a continuation) with what `source` repeats, then its
   * label. The row must not grow (that would move everything after it, measured before):
   * a name taller than the row's other cells loses words from its end and gets "…",
   * down to one line.
   */
  const repeatInto = (source: Element, target: Element, label: string) => {
    const template = source.querySelector<HTMLTemplateElement>(':scope > template.ct-repeat');
    const row = target.closest('tr');
    if (!template || !row?.isConnected) return;
    const height = row.getBoundingClientRect().height;
    const content = template.content.cloneNode(true) as DocumentFragment;
    const blocks = Array.from(content.children);
    target.prepend(content);
    const last = blocks[blocks.length - 1];
    if (!last) return;
    for (const b of blocks) b.classList.add('ct-repeated');
    mark(last, label);
    const lineHeight = parseFloat(getComputedStyle(last).lineHeight);
    const fits = () => row.getBoundingClientRect().height <= height + 0.5 || last.getBoundingClientRect().height <= 1.5 * lineHeight;
    if (fits()) return;
    const ellipsis = document.createElement('span');
    ellipsis.className = 'ct-ellipsis';
    ellipsis.textContent = '\u2026';
    last.insertBefore(ellipsis, last.querySelector(':scope > .ct-mark'));
    while (!fits() && ellipsis.previousSibling) ellipsis.previousSibling.remove();
    // No space left dangling before the "…".
    const before = ellipsis.previousSibling;
    if (before?.nodeType === Node.TEXT_NODE) before.textContent = (before.textContent ?? '').trimEnd();
  };

  /**
   * A continuation made in an earlier pass starts on a page of its own. When what comes
   * before it grew since (a heading with "(ต่อ)" wraps), the table before it runs over
   * and gets a continuation of its own: the old one is then taken back into the new one,
   * so its rows follow on the same page instead of leaving it nearly empty (the rest of a
   * row cut before joins that row's new part, cell by cell). Rows taken back were
   * measured after a forced page break: they are not cut at in this pass.
   */
  const takeBack = (after: HTMLTableElement, into: HTMLTableSectionElement, work: HTMLTableElement[]) => {
    const old = after.nextElementSibling;
    if (!(old instanceof HTMLTableElement) || !old.classList.contains('ct-continuation') || old.dataset.ctChain !== after.dataset.ctChain) return;
    const rows = Array.from(old.tBodies[0]?.rows ?? []).filter((r) => !r.classList.contains('ct-repeated-row'));
    const target = into.rows[into.rows.length - 1];
    if (rows[0]?.classList.contains('ct-rest-row') && target) {
      const rest = rows.shift()!;
      Array.from(rest.cells).forEach((cell, i) => {
        const joined = target.cells[i];
        if (!joined) return;
        for (const repeated of Array.from(cell.querySelectorAll('.ct-repeated'))) repeated.remove();
        for (const child of Array.from(cell.childNodes)) if (!(child instanceof HTMLTemplateElement)) joined.appendChild(child);
      });
      target.dataset.ctUnmeasured = '';
    }
    const first = rows[0];
    if (first) {
      first.classList.remove('ct-first-row');
      for (const repeated of Array.from(first.querySelectorAll('.ct-repeated'))) repeated.remove();
    }
    for (const r of rows) {
      r.dataset.ctUnmeasured = '';
      into.appendChild(r);
    }
    old.remove();
    const queued = work.indexOf(old);
    if (queued >= 0) work.splice(queued, 1);
  };

  let changed = false;
  const work = Array.from(document.querySelectorAll<HTMLTableElement>('table[data-continued-label]'));
  work.forEach((t, i) => (t.dataset.ctChain ??= String(i)));
  for (const r of Array.from(document.querySelectorAll<HTMLElement>('[data-ct-unmeasured]'))) delete r.dataset.ctUnmeasured;
  while (work.length > 0) {
    const table = work.shift()!;
    const label = table.dataset.continuedLabel ?? '(ต่อ)';
    const body = table.tBodies[0];
    if (!body) continue;
    const rows = Array.from(body.rows);
    if (rows.length === 0) continue;
    // A table cut off in this pass starts on the page after its predecessor; its first
    // lines may have been measured on that predecessor's page (the cut is made early).
    const start = table.dataset.ctStart !== undefined ? Number(table.dataset.ctStart) : rowStart(rows[0]!);
    delete table.dataset.ctStart;
    if (start === undefined) continue;
    // A header left alone at the foot of a page: start the table on the next one.
    const headPage = table.tHead ? pageOf(table.tHead) : undefined;
    if (headPage !== undefined && headPage < start && table.style.breakBefore !== 'page') {
      table.style.breakBefore = 'page';
      changed = true;
    }

    // The first row with a line on a later page: cut before it, or inside it.
    let cut = -1;
    let inside = false;
    for (let k = 0; k < rows.length && cut < 0; k++) {
      const row = rows[k]!;
      if (row.dataset.ctUnmeasured !== undefined) break;
      const lines = linesOf(row);
      if (lines.some((l) => (pageOf(l) ?? start) > start)) {
        cut = k;
        inside = lines.some((l) => (pageOf(l) ?? start) === start);
      } else if ((pageOf(row) ?? start) > start && lines.length === 0) cut = k;
    }
    // A row that would leave fewer than three lines at the foot of a page goes over whole
    // (its units keep two lines on each side, so two lines would leave most cells empty).
    if (inside && Math.max(...Array.from(rows[cut]!.cells).map((c) => linesOf(c).filter((l) => (pageOf(l) ?? start) === start).length)) < 3) {
      inside = false;
      if (cut === 0) {
        if (table.style.breakBefore !== 'page') {
          table.style.breakBefore = 'page';
          changed = true;
        }
        continue;
      }
    }
    // A group's title row never ends a page: it goes over with the group's first row.
    while (!inside && cut > 0 && rows[cut - 1]!.hasAttribute('data-group-title')) cut -= 1;
    if (cut < 0 || (cut === 0 && !inside)) continue;

    const next = table.cloneNode(false) as HTMLTableElement;
    next.removeAttribute('id');
    next.classList.add('ct-continuation');
    const colgroup = table.querySelector(':scope > colgroup');
    if (colgroup) next.appendChild(colgroup.cloneNode(true));
    if (table.tHead) {
      const head = table.tHead.cloneNode(true) as HTMLTableSectionElement;
      stripIds(head);
      // The header of a table that is itself a continuation carries marks that may not apply here.
      for (const old of Array.from(head.querySelectorAll('.ct-mark'))) old.remove();
      for (const m of Array.from(head.querySelectorAll('[data-continued-mark]'))) mark(m, label);
      next.appendChild(head);
    }
    const nextBody = body.cloneNode(false) as HTMLTableSectionElement;
    nextBody.removeAttribute('id');
    next.appendChild(nextBody);

    let lastKept: HTMLTableRowElement;
    let firstMoved: HTMLTableRowElement;
    /** Cells to fill with what their source repeats, once the new table is in the page (to measure). */
    const repeats: [source: Element, target: Element][] = [];
    if (inside) {
      // Cut the row: what starts on a later page goes to a copy of the row.
      const row = rows[cut]!;
      const copy = row.cloneNode(false) as HTMLTableRowElement;
      copy.removeAttribute('id');
      copy.classList.add('ct-rest-row');
      copy.style.breakInside = '';
      Array.from(row.cells).forEach((cell, i) => {
        const cellCopy = cell.cloneNode(false) as HTMLTableCellElement;
        cellCopy.removeAttribute('id');
        // What the cell repeats goes with it, for the page after the next.
        const template = cell.querySelector(':scope > template.ct-repeat');
        if (template) cellCopy.appendChild(template.cloneNode(true));
        const wrappers = new Map<Element, Element>();
        /** Moves `unit` (or the rest of `from`, cut) into the copy, in a copy of its list. */
        const place = (unit: Element, parent: Element, from: Element) => {
          if (parent === cell) return cellCopy.appendChild(unit);
          let w = wrappers.get(parent);
          if (!w) {
            w = parent.cloneNode(false) as Element;
            w.removeAttribute('id');
            // A numbered list goes on from the number of its first item here, not from 1 again
            // (the rest of a cut item keeps its number and shows none: li.ct-rest in the CSS).
            if (w instanceof HTMLOListElement && parent instanceof HTMLOListElement) {
              w.start = parent.start + Array.from(parent.children).filter((c) => c.tagName === 'LI').indexOf(from);
            }
            wrappers.set(parent, w);
            cellCopy.appendChild(w);
          }
          w.appendChild(unit);
        };
        const cutLine = linesOf(cell).find((l) => (pageOf(l) ?? start) > start);
        let moved = 0;
        let moving = false;
        for (const unit of units(cell)) {
          const parent = unit.parentElement!;
          const lines = linesOf(unit);
          const over = moving ? lines[0] : cutLine && lines.includes(cutLine) ? keepTwo(lines, lines.indexOf(cutLine)) : undefined;
          if (!over) continue;
          moving = true;
          if (over === lines[0]) place(unit, parent, unit);
          else place(splitUnit(unit, over), parent, unit);
          moved += 1;
          if (parent !== cell && parent.children.length === 0) parent.remove();
        }
        if (moved > 0 && units(cell).length > 0) {
          const heading = next.tHead?.querySelector(`th[data-col="${i}"]`);
          if (heading) mark(heading, label);
        }
        // A cell whose text all stayed on the page before says again whose row this is.
        if (moved === 0) repeats.push([cell, cellCopy]);
        copy.appendChild(cellCopy);
      });
      // The two parts keep the geometry of the fragments Chromium made: no padding at the cut.
      for (const c of Array.from(row.cells)) c.style.paddingBottom = '0';
      for (const c of Array.from(copy.cells)) c.style.paddingTop = '0';
      nextBody.appendChild(copy);
      for (const r of rows.slice(cut + 1)) nextBody.appendChild(r);
      lastKept = row;
      firstMoved = copy;
    } else {
      for (const r of rows.slice(cut)) nextBody.appendChild(r);
      lastKept = rows[cut - 1]!;
      firstMoved = rows[cut]!;
    }
    const groupGoesOn = firstMoved.dataset.group !== undefined && firstMoved.dataset.group === lastKept.dataset.group;
    if (groupGoesOn && !inside) {
      // The group's cell of a row that starts the page is empty (the name was printed once, above).
      for (const cell of Array.from(firstMoved.cells)) if (cell.hasAttribute('data-group-cell') && units(cell).length === 0) repeats.push([cell, cell]);
    }
    if (groupGoesOn && !firstMoved.hasAttribute('data-group-title')) {
      // A group titled by a row of its own: the title again, on top of the page where the group goes on.
      const title = rows.slice(0, cut + 1).reverse().find((r) => r.hasAttribute('data-group-title') && r.dataset.group === firstMoved.dataset.group);
      if (title) {
        const again = title.cloneNode(true) as HTMLTableRowElement;
        stripIds(again);
        again.classList.add('ct-repeated-row');
        for (const p of Array.from(again.querySelectorAll('.group-title'))) mark(p, label);
        nextBody.prepend(again);
      }
    }
    // The group goes on: its column's heading says so too.
    if (groupGoesOn) {
      const column = Array.from(firstMoved.cells).findIndex((c) => c.hasAttribute('data-group-cell'));
      const heading = next.tHead?.querySelector(`th[data-col="${column}"]`);
      if (heading) mark(heading, label);
    }
    lastKept.classList.add('ct-last-row');
    firstMoved.classList.add('ct-first-row');
    next.style.breakBefore = 'page';
    next.dataset.ctStart = String(start + 1);
    takeBack(table, nextBody, work);
    table.after(next);
    for (const [source, target] of repeats) repeatInto(source, target, label);
    work.unshift(next);
    changed = true;
  }
  return changed;
}
