/** Which PDFs of an output folder are stale, and that only the tool's own are removed (real files, no browser). */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MANIFEST, sha256, writeManifest, type Manifest } from '../../src/batch/cache.js';
import { removeStale } from '../../src/batch/stale.js';
import { tempDir } from '../helpers.js';

function put(path: string, text: string): void {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

/** A record as the cache writes it, for a PDF with these bytes made from `source` (relative to the folder). */
const entry = (source: string, pdf: string): Manifest[string] => ({ key: 'k', source, deps: {}, output: sha256(pdf), pages: 1, warnings: [] });

describe('removeStale', () => {
  it('removes PDFs whose YAML is gone, is no longer a document, or now builds elsewhere; keeps the rest', async () => {
    const dir = tempDir('stale-');
    const inDir = join(dir, 'in');
    const out = join(dir, 'out');
    put(join(inDir, 'a.yaml'), 'kind: plan\n');
    put(join(inDir, 'notes.yaml'), 'editor: vscode\n');
    put(join(inDir, 'sub/c.yaml'), 'kind: plan\n');
    put(join(dir, 'elsewhere/x.yaml'), 'kind: plan\n');
    const pdfs: Record<string, string> = { 'a.pdf': 'A', 'notes.pdf': 'N', 'x.pdf': 'X', 'gone.pdf': 'G', 'user.pdf': 'U', 'changed.pdf': 'C' };
    for (const [name, bytes] of Object.entries(pdfs)) put(join(out, name), bytes);
    await writeManifest(out, {
      'a.pdf': entry('../in/a.yaml', 'A'),
      'notes.pdf': entry('../in/notes.yaml', 'N'),
      'x.pdf': entry('../elsewhere/x.yaml', 'X'),
      'gone.pdf': entry('../in/gone.yaml', 'G'),
      'changed.pdf': entry('../in/deleted.yaml', 'the bytes the tool wrote'),
    });
    put(join(out, 'old/c.pdf'), 'OLD');
    await writeManifest(join(out, 'old'), { 'c.pdf': entry('../../in/sub/c.yaml', 'OLD') });

    const result = await removeStale({
      outDir: out,
      documents: [join(inDir, 'a.yaml'), join(inDir, 'sub/c.yaml')],
      built: new Map([[join(out, 'a.pdf'), join(inDir, 'a.yaml')], [join(out, 'sub/c.pdf'), join(inDir, 'sub/c.yaml')]]),
      notDocuments: [join(inDir, 'notes.yaml')],
    });

    const names = (list: typeof result.removed) => list.map((r) => [r.output.slice(out.length + 1), r.reason]).sort();
    expect(names(result.removed)).toEqual([['gone.pdf', 'source-gone'], ['notes.pdf', 'not-a-document'], ['old/c.pdf', 'moved']]);
    expect(names(result.kept)).toEqual([['changed.pdf', 'source-gone']]);
    for (const f of ['a.pdf', 'x.pdf', 'user.pdf', 'changed.pdf']) expect(existsSync(join(out, f)), f).toBe(true);
    for (const f of ['gone.pdf', 'notes.pdf']) expect(existsSync(join(out, f)), f).toBe(false);
    // The emptied folder goes, with its record; the record of the other one forgets what was removed.
    expect(existsSync(join(out, 'old'))).toBe(false);
    expect(Object.keys(JSON.parse(readFileSync(join(out, MANIFEST), 'utf8'))).sort()).toEqual(['a.pdf', 'changed.pdf', 'x.pdf']);
  });

  it('removes the PDFs of another shard, and leaves a folder without a record alone', async () => {
    const dir = tempDir('stale-');
    put(join(dir, 'in/a.yaml'), 'kind: plan\n');
    put(join(dir, 'in/b.yaml'), 'kind: plan\n');
    put(join(dir, 'out/a.pdf'), 'A');
    put(join(dir, 'out/b.pdf'), 'B');
    put(join(dir, 'out/loose/z.pdf'), 'Z');
    await writeManifest(join(dir, 'out'), { 'a.pdf': entry('../in/a.yaml', 'A'), 'b.pdf': entry('../in/b.yaml', 'B') });
    const result = await removeStale({ outDir: join(dir, 'out'), documents: [join(dir, 'in/a.yaml'), join(dir, 'in/b.yaml')], built: new Map([[join(dir, 'out/a.pdf'), join(dir, 'in/a.yaml')]]), notDocuments: [] });
    expect(result.removed.map((r) => [r.output, r.reason])).toEqual([[join(dir, 'out/b.pdf'), 'other-shard']]);
    expect(existsSync(join(dir, 'out/loose/z.pdf'))).toBe(true);
  });
});
