/**
 * A printer that prints document after document (a batch, watch, preview) holds nothing of
 * the documents it has finished: once the caller lets go of a result, its PDF can be
 * collected. Racing each print against one promise that lived as long as the printer kept
 * every result alive until the printer closed (1 GB of Node's memory after a national batch
 * of 900 documents). Checked with the garbage collector itself, not with memory figures.
 */
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Printer } from '../../src/print/printer.js';
import { tempDir } from '../helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('the printer between documents', () => {
  it('keeps no finished document\'s PDF alive', async () => {
    const printer = await Printer.launch();
    const dir = tempDir('printer-memory-');
    /** Prints four documents; only weak references to their PDFs leave this function. */
    const printFour = async (): Promise<WeakRef<Uint8Array>[]> => {
      const pdfs: WeakRef<Uint8Array>[] = [];
      for (let i = 0; i < 4; i++) {
        const html = `<!doctype html><html lang="th"><body><p>เอกสารที่ ${i}</p></body></html>`;
        const result = await printer.print({ file: `doc-${i}.yaml`, html, meta: { title: 't', author: 'a', subject: 's', keywords: [] }, digits: 'thai', kind: 'plan', baseDir: dir, root: dir, date: new Date(0), producer: 'test' });
        expect(Buffer.from(result.pdf).subarray(0, 5).toString()).toBe('%PDF-');
        pdfs.push(new WeakRef(result.pdf));
      }
      return pdfs;
    };
    try {
      const pdfs = await printFour();
      // A weak reference keeps its target for the rest of the job that made or read it: collect
      // in later turns of the event loop, then look once. The printer is still open.
      for (let round = 0; round < 3; round++) {
        await new Promise((done) => setTimeout(done, 20));
        gc();
      }
      expect(pdfs.filter((p) => p.deref() !== undefined).length).toBe(0);
    } finally {
      await printer.close();
    }
  });
});
