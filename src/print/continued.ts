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
 * 4. print again, and repeat until no table runs over a page.
 *
 * Opt in with `<table data-continued-label="(ต่อ)">`. Optional markup:
 * - `th[data-col="N"]` the heading of column N (receives the label when column N's cell continues);
 * - `[data-continued-mark]` inside the thead (receives the label on every continuation);
 * - `td[data-group-cell]` with `tr[data-group]`: a column that shows a group's name once;
 *   its heading gets the label on a page where the group goes on;
 * - `[data-units]` on a block in a cell: its children are the blocks a page may fall between;
 * - `[data-marker]` on a list item's number or bullet: not repeated when the item is cut;
 * - the last row of a cut table gets the class `ct-last-row`, the first of the next `ct-first-row`.
 *
 * Independently, `table[data-keep-rows-below="5.5cm"]` keeps rows shorter than that
 * whole (break-inside: avoid) while longer rows may run over a page.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import type { Page } from 'puppeteer-core';

const MAX_PASSES = 8;

/** Page (1-based) of every named destination in the PDF. */
export async function readDestinations(pdf: Uint8Array): Promise<Map<string, number>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
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
  const walk = (node: PDFObject | undefined, depth: number) => {
    const n = deref(node);
    if (!(n instanceof PDFDict) || depth > 32) return;
    const leaf = deref(n.get(PDFName.of('Names')));
    if (leaf instanceof PDFArray) {
      for (let i = 0; i + 1 < leaf.size(); i += 2) {
        const key = deref(leaf.get(i)) as { decodeText?: () => string } | undefined;
        const page = pageOf(leaf.get(i + 1));
        if (key?.decodeText && page !== undefined) out.set(key.decodeText(), page);
      }
    }
    const kids = deref(n.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walk(kids.get(i), depth + 1);
  };
  if (names instanceof PDFDict) walk(names.get(PDFName.of('Dests')), 0);
  return out;
}

/**
 * Prints the page, cutting tables with `data-continued-label` until none runs over a
 * page; returns the last print. Without such tables this is one print.
 */
export async function printWithContinuedTables(page: Page, print: () => Promise<Uint8Array>): Promise<Uint8Array> {
  await page.evaluate(keepShortRows);
  let count = await page.evaluate(prepareContinued);
  let pdf = await print();
  for (let pass = 0; count > 0 && pass < MAX_PASSES; pass++) {
    const pages = Object.fromEntries(await readDestinations(pdf));
    if (!(await page.evaluate(splitContinued, pages))) break;
    count = await page.evaluate(prepareContinued);
    pdf = await print();
  }
  return pdf;
}

// ---------------------------------------------------------------------------
// In the page. Each function is sent to the browser on its own: no outside references.

function keepShortRows(): void {
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

/** Cuts every table where a page begins (see the top of this file); true when anything changed. */
function splitContinued(pages: Record<string, number>): boolean {
  /** The blocks of a cell a page may fall between: list items, paragraphs, children of [data-units]. */
  const units = (cell: Element): Element[] =>
    Array.from(cell.children).flatMap((c) => (c.tagName === 'OL' || c.tagName === 'UL' || c.hasAttribute('data-units') ? Array.from(c.children) : [c]));
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
    if (el.querySelector(':scope > .ct-mark')) return;
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

  let changed = false;
  const work = Array.from(document.querySelectorAll<HTMLTableElement>('table[data-continued-label]'));
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
      const lines = linesOf(row);
      if (lines.some((l) => (pageOf(l) ?? start) > start)) {
        cut = k;
        inside = lines.some((l) => (pageOf(l) ?? start) === start);
      } else if ((pageOf(row) ?? start) > start && lines.length === 0) cut = k;
    }
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
    if (inside) {
      // Cut the row: what starts on a later page goes to a copy of the row.
      const row = rows[cut]!;
      const copy = row.cloneNode(false) as HTMLTableRowElement;
      copy.removeAttribute('id');
      copy.style.breakInside = '';
      Array.from(row.cells).forEach((cell, i) => {
        const cellCopy = cell.cloneNode(false) as HTMLTableCellElement;
        cellCopy.removeAttribute('id');
        const wrappers = new Map<Element, Element>();
        const place = (unit: Element, parent: Element) => {
          if (parent === cell) return cellCopy.appendChild(unit);
          let w = wrappers.get(parent);
          if (!w) {
            w = parent.cloneNode(false) as Element;
            w.removeAttribute('id');
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
          const over = moving ? lines[0] : cutLine && lines.includes(cutLine) ? cutLine : undefined;
          if (!over) continue;
          moving = true;
          if (over === lines[0]) place(unit, parent);
          else place(splitUnit(unit, over), parent);
          moved += 1;
          if (parent !== cell && parent.children.length === 0) parent.remove();
        }
        if (moved > 0 && units(cell).length > 0) {
          const heading = next.tHead?.querySelector(`th[data-col="${i}"]`);
          if (heading) mark(heading, label);
        }
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
    // The group goes on: its column's heading says so (filling its name into the cell would
    // make the row taller than measured, and move everything after it).
    if (firstMoved.dataset.group !== undefined && firstMoved.dataset.group === lastKept.dataset.group) {
      const column = Array.from(firstMoved.cells).findIndex((c) => c.hasAttribute('data-group-cell'));
      const heading = next.tHead?.querySelector(`th[data-col="${column}"]`);
      if (heading) mark(heading, label);
    }
    lastKept.classList.add('ct-last-row');
    firstMoved.classList.add('ct-first-row');
    next.style.breakBefore = 'page';
    next.dataset.ctStart = String(start + 1);
    table.after(next);
    work.unshift(next);
    changed = true;
  }
  return changed;
}
