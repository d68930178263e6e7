/**
 * Reading and finishing Chromium's PDF with pdf-lib: the outline (bookmarks)
 * tells where each heading landed, which is how the table of contents gets real
 * page numbers; the document information (title, author, dates, language) is set
 * here because Chromium writes only the title. pdf-lib rewrites every object it
 * read, so the structure tree (tagged PDF) and the outline survive; a test checks it.
 */
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from './pdf-lib.js';
import type { DocumentMeta } from '../kinds/kind.js';

export interface OutlineEntry {
  title: string;
  depth: number;
  /** 1-based page number. */
  page: number;
}

function text(obj: PDFObject | undefined): string {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  return '';
}

/**
 * pdf-lib yields to the event loop every 100 objects while parsing (every 50 while saving)
 * unless told not to: on a 120-page document (5,000 objects) those pauses took longer
 * than the parsing itself.
 */
export function loadPdf(pdf: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

export async function readOutline(pdf: Uint8Array | PDFDocument): Promise<OutlineEntry[]> {
  const doc = pdf instanceof PDFDocument ? pdf : await loadPdf(pdf);
  const pageNumber = new Map<string, number>();
  doc.getPages().forEach((p, i) => pageNumber.set(p.ref.toString(), i + 1));
  const ctx = doc.context;
  const lookupDict = (o: PDFObject | undefined): PDFDict | undefined => {
    const r = o instanceof PDFRef ? ctx.lookup(o) : o;
    return r instanceof PDFDict ? r : undefined;
  };
  const destPage = (item: PDFDict): number => {
    let dest = item.get(PDFName.of('Dest'));
    if (!dest) {
      const action = lookupDict(item.get(PDFName.of('A')));
      dest = action?.get(PDFName.of('D'));
    }
    const arr = dest instanceof PDFRef ? ctx.lookup(dest) : dest;
    if (arr instanceof PDFArray) {
      const target = arr.get(0);
      if (target instanceof PDFRef) return pageNumber.get(target.toString()) ?? 0;
    }
    return 0;
  };

  const out: OutlineEntry[] = [];
  const outlines = lookupDict(doc.catalog.get(PDFName.of('Outlines')));
  const walk = (first: PDFDict | undefined, depth: number) => {
    const seen = new Set<PDFDict>();
    for (let item = first; item && !seen.has(item); item = lookupDict(item.get(PDFName.of('Next')))) {
      seen.add(item);
      out.push({ title: text(item.get(PDFName.of('Title'))), depth, page: destPage(item) });
      walk(lookupDict(item.get(PDFName.of('First'))), depth + 1);
    }
  };
  walk(lookupDict(outlines?.get(PDFName.of('First'))), 0);
  return out;
}

/**
 * The entries of a name tree (PDF 32000 §7.9.6: leaves with /Names [key value …], inner nodes
 * with /Kids), keys dereferenced, in order; and the references of the nodes below the root.
 */
export function nameTree(doc: PDFDocument, root: PDFObject | undefined): { entries: [PDFObject | undefined, PDFObject | undefined][]; nodes: PDFRef[] } {
  const ctx = doc.context;
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const entries: [PDFObject | undefined, PDFObject | undefined][] = [];
  const nodes: PDFRef[] = [];
  const walk = (node: PDFObject | undefined, depth: number) => {
    const n = deref(node);
    if (!(n instanceof PDFDict) || depth > 32) return;
    if (node instanceof PDFRef && depth > 0) nodes.push(node);
    const names = deref(n.get(PDFName.of('Names')));
    if (names instanceof PDFArray) for (let i = 0; i + 1 < names.size(); i += 2) entries.push([deref(names.get(i)), names.get(i + 1)]);
    const kids = deref(n.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walk(kids.get(i), depth + 1);
  };
  walk(root, 0);
  return { entries, nodes };
}

/**
 * Chromium names structure elements after its DOM node counter ("node00000098"), which
 * depends on what the browser printed before: renumber them in the order of the structure
 * tree itself (depth first, children in /K order), so the same document gives the same
 * bytes whatever was printed before it. The ids stand in three places: each element's /ID,
 * the /Headers of table cells, and the IDTree (rebuilt as one sorted list; the zero-padded
 * form sorts as the numbers do).
 */
function renumberStructureIds(doc: PDFDocument): void {
  const ctx = doc.context;
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const root = deref(doc.catalog.get(PDFName.of('StructTreeRoot')));
  if (!(root instanceof PDFDict)) return;
  const idOf = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

  const elements: PDFDict[] = [];
  const seen = new Set<PDFObject>();
  const walk = (o: PDFObject | undefined) => {
    const d = deref(o);
    if (!d || seen.has(d)) return;
    seen.add(d);
    if (d instanceof PDFArray) for (let i = 0; i < d.size(); i++) walk(d.get(i));
    else if (d instanceof PDFDict && d.has(PDFName.of('S'))) {
      elements.push(d);
      walk(d.get(PDFName.of('K')));
    }
  };
  walk(root.get(PDFName.of('K')));

  const renamed = new Map<string, PDFString>();
  const rename = (old: string | undefined) => {
    if (old === undefined) return undefined;
    let id = renamed.get(old);
    if (!id) renamed.set(old, (id = PDFString.of(`node${String(renamed.size + 1).padStart(8, '0')}`)));
    return id;
  };
  for (const el of elements) {
    const id = rename(idOf(el.get(PDFName.of('ID'))));
    if (id) el.set(PDFName.of('ID'), id);
  }
  for (const el of elements) {
    const attributes = deref(el.get(PDFName.of('A')));
    for (const a of attributes instanceof PDFArray ? attributes.asArray().map(deref) : [attributes]) {
      const headers = a instanceof PDFDict ? deref(a.get(PDFName.of('Headers'))) : undefined;
      if (!(headers instanceof PDFArray)) continue;
      for (let i = 0; i < headers.size(); i++) {
        const id = rename(idOf(deref(headers.get(i))));
        if (id) headers.set(i, id);
      }
    }
  }

  const tree = deref(root.get(PDFName.of('IDTree')));
  if (!(tree instanceof PDFDict)) return;
  const { entries: named, nodes } = nameTree(doc, tree);
  const entries: [PDFString, PDFObject][] = [];
  for (const [key, value] of named) {
    const id = rename(idOf(key));
    if (id && value) entries.push([id, value]);
  }
  // The old nodes go: pdf-lib writes every object it holds, referred to or not.
  for (const node of nodes) ctx.delete(node);
  entries.sort(([a], [b]) => (a.asString() < b.asString() ? -1 : 1));
  tree.delete(PDFName.of('Kids'));
  tree.delete(PDFName.of('Limits'));
  tree.set(PDFName.of('Names'), ctx.obj(entries.flat()));
}

/** `pdf` may be a document already loaded (to read its outline): parsing a long PDF twice is the cost to avoid. */
export async function finishPdf(pdf: Uint8Array | PDFDocument, meta: DocumentMeta, date: Date, producer: string): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = pdf instanceof PDFDocument ? pdf : await loadPdf(pdf);
  renumberStructureIds(doc);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setLanguage('th');
  doc.setCreator(producer);
  doc.setProducer(producer);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return { bytes, pages: doc.getPageCount() };
}
