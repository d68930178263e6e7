/**
 * Tables whose header says "(ต่อ)" on the pages where they continue.
 *
 * Chromium repeats a table's <thead> on every page, but as an exact copy: no CSS
 * can change its text on the second page (the spec has nothing for it; every
 * engine answers the same). So, like the table of contents, this takes passes:
 *
 * 1. give every row and every "unit" of a cell (a paragraph, a list item) an id,
 *    and link to each id from a hidden element: Chromium then writes a named
 *    destination per id into the PDF, which says on which page the element starts;
 * 2. print, and read those pages back;
 * 3. cut each table where a page begins: rows that start on the next page move to a
 *    new table that starts on a new page; a row that runs over the page is itself cut
 *    between its units. The new table's header is the old one with the label appended
 *    to every element marked `data-continued-mark` (a group's name) and to the heading
 *    of every column whose cell continues from the previous page;
 * 4. print again, and repeat until no table runs over a page.
 *
 * Opt in with `<table data-continued-label="(ต่อ)">`. Optional markup:
 * - `th[data-col="N"]` the heading of column N (receives the label when column N's cell continues);
 * - `[data-continued-mark]` inside the thead (receives the label on every continuation);
 * - `td[data-group-cell="name"]` with `tr[data-group]`: a column that shows a group's name
 *   once; on a continuation it gets "name (ต่อ)" when the group goes on;
 * - `[data-units]` on a block in a cell: its children are the units, not the block;
 * - the last row of a cut table gets the class `ct-last-row`, the first of the next `ct-first-row`.
 *
 * Independently, `table[data-keep-rows-below="5.5cm"]` keeps rows shorter than that
 * whole (break-inside: avoid) while longer rows may run over a page.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import type { Page } from 'puppeteer';

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

/** Ids on rows, units and headers of the tables still to check, and a hidden link to each; returns how many. */
function prepareContinued(): number {
  const units = (cell: Element): Element[] => {
    const hasText = Array.from(cell.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (hasText) return [cell];
    return Array.from(cell.children).flatMap((c) => (c.tagName === 'OL' || c.tagName === 'UL' || c.hasAttribute('data-units') ? Array.from(c.children) : [c]));
  };
  document.getElementById('ct-probe')?.remove();
  const ids: string[] = [];
  let n = Number(document.body.dataset.ctNext ?? '0');
  const idOf = (el: Element) => {
    if (!el.id) el.id = `ct-${n++}`;
    ids.push(el.id);
  };
  for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('table[data-continued-label]'))) {
    if (table.tHead) idOf(table.tHead);
    for (const body of Array.from(table.tBodies)) {
      for (const row of Array.from(body.rows)) {
        idOf(row);
        for (const cell of Array.from(row.cells)) for (const u of units(cell)) if (u !== cell) idOf(u);
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
  const units = (cell: Element): Element[] => {
    const hasText = Array.from(cell.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (hasText) return [cell];
    return Array.from(cell.children).flatMap((c) => (c.tagName === 'OL' || c.tagName === 'UL' || c.hasAttribute('data-units') ? Array.from(c.children) : [c]));
  };
  const pageOf = (el: Element): number | undefined => (el.id ? pages[el.id] : undefined);
  const rowStart = (row: HTMLTableRowElement): number | undefined => {
    const own = pageOf(row);
    const inner = Array.from(row.cells).flatMap(units).map(pageOf).filter((p): p is number => p !== undefined);
    const first = inner.length > 0 ? Math.min(...inner) : undefined;
    // A row whose first fragment is empty (all its units pushed over) starts where its units do.
    return first !== undefined && (own === undefined || first > own) ? first : own;
  };
  const mark = (el: Element, label: string) => {
    if (el.querySelector(':scope > .ct-mark')) return;
    const span = document.createElement('span');
    span.className = 'ct-mark';
    span.textContent = ` ${label}`;
    el.appendChild(span);
  };
  const fillGroupCell = (row: HTMLTableRowElement, label: string) => {
    const cell = row.querySelector<HTMLTableCellElement>(':scope > td[data-group-cell]');
    if (!cell || units(cell).length > 0) return;
    const p = document.createElement('p');
    p.textContent = `${cell.dataset.groupCell ?? ''} ${label}`;
    cell.appendChild(p);
  };
  const stripIds = (el: Element) => {
    el.removeAttribute('id');
    for (const d of Array.from(el.querySelectorAll('[id]'))) d.removeAttribute('id');
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
    const start = rowStart(rows[0]!);
    if (start === undefined) continue;
    // A header left alone at the foot of a page: start the table on the next one.
    const headPage = table.tHead ? pageOf(table.tHead) : undefined;
    if (headPage !== undefined && headPage < start && table.style.breakBefore !== 'page') {
      table.style.breakBefore = 'page';
      changed = true;
    }

    let cut = -1;
    let later: Element[][] | undefined;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k]!;
      const rp = rowStart(row);
      if (rp !== undefined && rp > start) {
        cut = k;
        break;
      }
      const cells = Array.from(row.cells);
      const over = cells.map((c) => units(c).filter((u) => u !== c && (pageOf(u) ?? start) > start));
      if (over.some((l) => l.length > 0)) {
        const allMoved = cells.every((c, i) => units(c).length === over[i]!.length);
        cut = k;
        if (!allMoved) later = over;
        break;
      }
    }
    if (cut < 0 || (cut === 0 && !later)) continue;

    const next = table.cloneNode(false) as HTMLTableElement;
    next.removeAttribute('id');
    next.style.breakBefore = '';
    next.classList.add('ct-continuation');
    const colgroup = table.querySelector(':scope > colgroup');
    if (colgroup) next.appendChild(colgroup.cloneNode(true));
    if (table.tHead) {
      const head = table.tHead.cloneNode(true) as HTMLTableSectionElement;
      stripIds(head);
      for (const m of Array.from(head.querySelectorAll('[data-continued-mark]'))) mark(m, label);
      next.appendChild(head);
    }
    const nextBody = body.cloneNode(false) as HTMLTableSectionElement;
    nextBody.removeAttribute('id');
    next.appendChild(nextBody);

    let lastKept: HTMLTableRowElement;
    let firstMoved: HTMLTableRowElement;
    if (later) {
      // Cut the row: units that start on the next page go to a copy of the row.
      const row = rows[cut]!;
      const copy = row.cloneNode(false) as HTMLTableRowElement;
      copy.removeAttribute('id');
      copy.style.breakInside = '';
      Array.from(row.cells).forEach((cell, i) => {
        const cellCopy = cell.cloneNode(false) as HTMLTableCellElement;
        cellCopy.removeAttribute('id');
        const wrappers = new Map<Element, Element>();
        for (const u of later![i]!) {
          const parent = u.parentElement!;
          if (parent === cell) {
            cellCopy.appendChild(u);
            continue;
          }
          let w = wrappers.get(parent);
          if (!w) {
            w = parent.cloneNode(false) as Element;
            w.removeAttribute('id');
            wrappers.set(parent, w);
            cellCopy.appendChild(w);
          }
          w.appendChild(u);
          if (parent.children.length === 0) parent.remove();
        }
        if (later![i]!.length > 0 && units(cell).length > 0) {
          const heading = next.tHead?.querySelector(`th[data-col="${i}"]`);
          if (heading) mark(heading, label);
        }
        copy.appendChild(cellCopy);
      });
      nextBody.appendChild(copy);
      for (const r of rows.slice(cut + 1)) nextBody.appendChild(r);
      lastKept = row;
      firstMoved = copy;
    } else {
      for (const r of rows.slice(cut)) nextBody.appendChild(r);
      lastKept = rows[cut - 1]!;
      firstMoved = rows[cut]!;
    }
    if (firstMoved.dataset.group !== undefined && firstMoved.dataset.group === lastKept.dataset.group) fillGroupCell(firstMoved, label);
    lastKept.classList.add('ct-last-row');
    firstMoved.classList.add('ct-first-row');
    next.style.breakBefore = 'page';
    table.after(next);
    work.unshift(next);
    changed = true;
  }
  return changed;
}
