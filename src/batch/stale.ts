/**
 * An output folder (`--out`) holds the PDFs of the documents it was built from, and no
 * others: after a build, PDFs whose YAML is gone, is no longer a document, belongs to
 * another shard, or now builds to another path are removed. This matters in CI, where a
 * shard's output folder is restored from a cache and uploaded as it is.
 *
 * Only PDFs the tool wrote are candidates: a file is removed only when the cache manifest
 * of its folder records it, names its YAML, and the file still has the hash the tool
 * wrote. A recorded PDF that has been changed since is kept and reported.
 */
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { hashFile, MANIFEST, readManifest, writeManifest } from './cache.js';

export type StaleReason = 'source-gone' | 'not-a-document' | 'other-shard' | 'moved';

export interface StalePdf {
  /** The PDF, absolute. */
  output: string;
  /** The YAML it was made from, absolute. */
  source: string;
  reason: StaleReason;
}

export interface StaleResult {
  removed: StalePdf[];
  /** Stale PDFs left in place because they changed after the tool wrote them. */
  kept: StalePdf[];
}

export interface Scope {
  /** The output root (`--out`). */
  outDir: string;
  /** Every document the command named, before sharding (absolute YAML paths). */
  documents: Iterable<string>;
  /** The documents this run builds: absolute PDF path → absolute YAML path. */
  built: Map<string, string>;
  /** YAML files the command found that are not documents (no `kind:`), absolute. */
  notDocuments: Iterable<string>;
}

async function manifestFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = entries.some((e) => e.isFile() && e.name === MANIFEST) ? [dir] : [];
  for (const e of entries) if (e.isDirectory()) out.push(...(await manifestFolders(join(dir, e.name))));
  return out;
}

function reasonFor(output: string, source: string, exists: boolean, scope: Scope, documents: Set<string>, notDocuments: Set<string>, mine: Set<string>): StaleReason | undefined {
  if (!exists) return 'source-gone';
  if (documents.has(source)) {
    if (scope.built.get(output) === source) return undefined;
    return mine.has(source) ? 'moved' : 'other-shard';
  }
  // Otherwise the YAML is outside what this command was given (another folder, left out by a pattern): not ours to judge.
  return notDocuments.has(source) ? 'not-a-document' : undefined;
}

/** Removes the stale PDFs below `scope.outDir` (see the module comment), then the folders left empty. */
export async function removeStale(scope: Scope): Promise<StaleResult> {
  const outDir = resolve(scope.outDir);
  const documents = new Set(scope.documents);
  const notDocuments = new Set(scope.notDocuments);
  const mine = new Set(scope.built.values());
  const result: StaleResult = { removed: [], kept: [] };
  for (const dir of await manifestFolders(outDir)) {
    const manifest = await readManifest(dir);
    let changed = false;
    for (const [name, entry] of Object.entries(manifest)) {
      if (typeof entry?.source !== 'string' || typeof entry.output !== 'string') continue;
      const output = join(dir, name);
      const source = resolve(dir, entry.source);
      const sourceInfo = await stat(source).catch(() => null);
      const reason = reasonFor(output, source, Boolean(sourceInfo?.isFile()), scope, documents, notDocuments, mine);
      if (!reason) continue;
      const hash = await hashFile(output);
      if (hash !== undefined && hash !== entry.output) {
        result.kept.push({ output, source, reason });
        continue;
      }
      if (hash !== undefined) {
        await rm(output, { force: true });
        result.removed.push({ output, source, reason });
      }
      delete manifest[name];
      changed = true;
    }
    if (!changed) continue;
    await writeManifest(dir, manifest);
    // Folders the tool made for PDFs that are gone now: rmdir only removes empty ones.
    for (let d = dir; d !== outDir && !relative(outDir, d).startsWith('..'); d = dirname(d)) {
      if (!(await rmdir(d).then(() => true, () => false))) break;
    }
  }
  return result;
}
