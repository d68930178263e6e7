/**
 * Every document is printed once, cold (issue 13): the table of contents gets its page
 * numbers from the same print (src/print/toc.ts), and tables with "(ต่อ)" headers take
 * a second print only when one of them is cut.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument, type YAMLSeq } from 'yaml';
import { deriveDocument, pdfDate, renderHtml } from '../../src/pipeline.js';
import { Printer, type PrintResult } from '../../src/print/printer.js';
import { loadPdf, readOutline } from '../../src/print/pdf.js';
import { fillTocNumbers } from '../../src/print/toc.js';
import { pdftotext, ROOT, tempDir, toThaiDigits } from '../helpers.js';

const PLAN = join(ROOT, 'examples/lampang-pao/plan-2566-2570.yaml');
const RESULTS = join(ROOT, 'examples/lopburi-city/results-2568.yaml');

let printer: Printer;
beforeAll(async () => {
  printer = await Printer.launch();
});
afterAll(async () => {
  await printer?.close();
});

async function print(file: string, on = printer): Promise<PrintResult> {
  const d = await deriveDocument(file);
  expect(d.derived, JSON.stringify(d.diagnostics.filter((x) => x.severity === 'error'))).toBeDefined();
  const html = await renderHtml(d.kind!.name, d.derived!);
  return on.print({ file, html, meta: d.derived!.meta, digits: d.derived!.digits, kind: d.kind!.name, baseDir: dirname(resolve(file)), date: pdfDate(d.derived!), producer: 'test' });
}

describe('one print per document', () => {
  it('prints the plan once; its contents show the pages the outline gives, and a new browser prints the same bytes', async () => {
    const result = await print(PLAN);
    expect(result.prints).toBe(1);
    const out = join(tempDir('once-'), 'plan.pdf');
    writeFileSync(out, result.pdf);
    // The outline's page of each part heading is the number printed after it in the contents.
    const outline = await readOutline(result.pdf);
    const part3 = outline.find((o) => o.title.includes('ส่วนที่ ๓'))!;
    expect(part3.page).toBeGreaterThan(10);
    const contents = pdftotext(out, ['-layout', '-f', '3', '-l', '6']);
    const entry = /ส่วนที่ ๓ รายละเอียดโครงการ\S*\s+([๐-๙]+)\s*$/m.exec(contents);
    expect(entry?.[1], contents).toBe(toThaiDigits(String(part3.page)));
    const fresh = await Printer.launch();
    try {
      const again = await print(PLAN, fresh);
      expect(Buffer.from(again.pdf).equals(Buffer.from(result.pdf))).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it.each([
    [RESULTS, 1],
    ['examples/na-di-ngam/results-2568.yaml', 1],
    // continued_label: false: cut without a label.
    ['examples/lampang-city/results-2565.yaml', 0],
    ['examples/lampang-pao/progress-2567.yaml', 1],
  ])('prints %s, whose tables run over pages, twice: once to measure, once cut where the pages begin', async (file, labelled) => {
    // The pages after the first cuts are laid out on screen and cut there too (continued.ts
    // screenPages), so the second print needs no further cut.
    const result = await print(resolve(ROOT, file));
    expect(result.prints).toBe(2);
    const out = join(tempDir('once-'), 'cut.pdf');
    writeFileSync(out, result.pdf);
    expect(pdftotext(out).includes('(ต่อ)')).toBe(labelled === 1);
  });

  it('prints a "(ต่อ)" table that fits its page once', async () => {
    const dir = tempDir('once-');
    // The example with its first row only, and that row short.
    const doc = parseDocument(readFileSync(RESULTS, 'utf8'));
    doc.setIn(['items', 0, 'steps'], doc.createNode(['ตั้งคณะทำงาน', 'รายงานผลการดำเนินการ']));
    (doc.get('items') as YAMLSeq).items.splice(1);
    const file = join(dir, 'short.yaml');
    writeFileSync(file, doc.toString());
    const result = await print(file);
    expect(result.pages).toBeGreaterThan(0);
    expect(result.prints).toBe(1);
  });

  it('leaves a PDF without placeholders unchanged and says so (the printer then prints the numbers)', async () => {
    const result = await print(join(ROOT, 'examples/lampang-pao/measures-2567.yaml'));
    const doc = await loadPdf(result.pdf);
    const before = Buffer.from(await doc.save());
    expect(fillTocNumbers(doc, [{ id: 'x', size: 21.33, width: 40 }], [3])).toBe(false);
    expect(Buffer.from(await doc.save()).equals(before)).toBe(true);
  });
});
