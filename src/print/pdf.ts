/**
 * Reading and finishing Chromium's PDF with pdf-lib: the outline (bookmarks)
 * tells where each heading landed, which is how the table of contents gets real
 * page numbers; the document information (title, author, dates, language) is set
 * here because Chromium writes only the title. pdf-lib rewrites every object it
 * read, so the structure tree (tagged PDF) and the outline survive; a test checks it.
 */
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
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
 * Chromium names structure elements after its DOM node counter ("node00000098"),
 * which depends on what the browser printed before: renumber them in order so
 * the same input gives the same bytes. The zero-padded form keeps the IDTree sorted.
 */
function renumberStructureIds(doc: PDFDocument): void {
  const ID = /^node\d+$/;
  // Every place an id can stand: /ID, the IDTree's /Names and /Limits, table /Headers attributes.
  const visit = (obj: PDFObject | undefined, seen: Set<PDFObject>, fn: (s: PDFString) => PDFString | undefined) => {
    if (!obj || seen.has(obj)) return;
    seen.add(obj);
    if (obj instanceof PDFDict) {
      for (const [key, value] of obj.entries()) {
        const swapped = value instanceof PDFString && ID.test(value.asString()) ? fn(value) : undefined;
        if (swapped) obj.set(key, swapped);
        else visit(value, seen, fn);
      }
    } else if (obj instanceof PDFArray) {
      for (let i = 0; i < obj.size(); i++) {
        const value = obj.get(i);
        const swapped = value instanceof PDFString && ID.test(value.asString()) ? fn(value) : undefined;
        if (swapped) obj.set(i, swapped);
        else visit(value, seen, fn);
      }
    }
  };
  const objects = doc.context.enumerateIndirectObjects().map(([, o]) => o).filter((o) => o instanceof PDFDict || o instanceof PDFArray);
  const ids = new Set<string>();
  const seen = new Set<PDFObject>();
  for (const o of objects) visit(o, seen, (s) => (ids.add(s.asString()), undefined));
  const renamed = new Map([...ids].sort().map((old, i) => [old, PDFString.of(`node${String(i + 1).padStart(8, '0')}`)]));
  const seenAgain = new Set<PDFObject>();
  for (const o of objects) visit(o, seenAgain, (s) => renamed.get(s.asString()));
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
