/**
 * Incremental builds: a PDF is rebuilt only when something it was made from has
 * changed — its YAML, the files it loaded (images, a linked document), the tool's
 * code, templates, schemas and fonts, or the tool version.
 * The record lives next to the PDFs in `.ita-report-cache.json`. Every path in it is
 * relative to its folder, so a CI cache restored into another checkout still matches,
 * and it names the YAML each PDF came from, so outputs whose document is gone can be
 * found (stale.ts) — and only PDFs the tool wrote are ever removed.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics.js';
import { writeAtomically } from '../pipeline.js';
import { hashRegularFile } from '../load/files.js';
import { FONT_DIR, SCHEMA_DIR, TEMPLATE_DIR, TOOL_VERSION } from '../paths.js';

/** The compiled code itself (dist/ or src/): a changed derive step changes the PDF too. */
const CODE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

export const MANIFEST = '.ita-report-cache.json';

export interface Entry {
  /** Hash of the tool and of the YAML. */
  key: string;
  /** The YAML the PDF was made from. */
  source: string;
  /** Files the document loaded while building, with their hashes. */
  deps: Record<string, string>;
  /** Hash of the PDF written, so a replaced or damaged PDF is rebuilt (and never taken for ours). */
  output: string;
  pages: number;
  /** Warnings of the build, reported again while the document stays up to date. */
  warnings: Diagnostic[];
}
/** PDF file name (in the manifest's folder) → how it was made. */
export type Manifest = Record<string, Entry>;

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function hashFile(path: string): Promise<string | undefined> {
  // Never waiting on a named pipe put in a file's place since the last build (load/files.ts).
  return hashRegularFile(path);
}

async function hashTree(dir: string, hash: ReturnType<typeof createHash>): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) await hashTree(path, hash);
    else if (e.isFile()) hash.update(e.name).update(await readFile(path));
  }
}

/** Everything of the tool itself that shapes a PDF, hashed once per run. */
export async function toolFingerprint(extra: string): Promise<string> {
  const hash = createHash('sha256').update(TOOL_VERSION).update(extra);
  await hashTree(CODE_DIR, hash);
  await hashTree(TEMPLATE_DIR, hash);
  await hashTree(SCHEMA_DIR, hash);
  hash.update(await readFile(join(FONT_DIR, 'package.json')));
  return hash.digest('hex');
}

/** A folder's record; empty when there is none or it cannot be read (then everything is rebuilt). */
export async function readManifest(dir: string): Promise<Manifest> {
  try {
    const m = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as unknown;
    return m && typeof m === 'object' && !Array.isArray(m) ? (m as Manifest) : {};
  } catch {
    return {};
  }
}

/** Writes a folder's record, or removes it when it records nothing. */
export async function writeManifest(dir: string, m: Manifest): Promise<void> {
  if (Object.keys(m).length === 0) await rm(join(dir, MANIFEST), { force: true });
  else await writeAtomically(join(dir, MANIFEST), new TextEncoder().encode(`${JSON.stringify(m, null, 1)}\n`));
}

/** A path as the manifest of `dir` stores it. */
function stored(dir: string, path: string): string {
  return relative(dir, resolve(path)).split('\\').join('/');
}

/**
 * A path read back from the manifest of `dir`, in the form the caller named the YAML:
 * relative to the working folder when the YAML was named that way, else absolute.
 */
function restored(dir: string, path: string, yamlFile: string): string {
  const abs = resolve(dir, path);
  if (abs === resolve(yamlFile)) return yamlFile;
  return isAbsolute(yamlFile) ? abs : relative(process.cwd(), abs);
}

export interface Fresh {
  pages: number;
  warnings: Diagnostic[];
}

export class BuildCache {
  private readonly manifests = new Map<string, Manifest>();
  private readonly dirty = new Set<string>();

  constructor(private readonly tool: string) {}

  private async manifest(dir: string): Promise<Manifest> {
    let m = this.manifests.get(dir);
    if (!m) {
      m = await readManifest(dir);
      this.manifests.set(dir, m);
    }
    return m;
  }

  private async key(yamlFile: string): Promise<string | undefined> {
    const yaml = await hashFile(yamlFile);
    return yaml && sha256(`${this.tool}\n${yaml}`);
  }

  /** What is known of the PDF when it is up to date, else undefined. */
  async fresh(yamlFile: string, output: string): Promise<Fresh | undefined> {
    const dir = dirname(output);
    const entry = (await this.manifest(dir))[basename(output)];
    if (!entry || entry.key !== (await this.key(yamlFile)) || !Array.isArray(entry.warnings)) return undefined;
    if (resolve(dir, entry.source ?? '') !== resolve(yamlFile)) return undefined;
    if (!(await stat(output).catch(() => null)) || (await hashFile(output)) !== entry.output) return undefined;
    for (const [dep, hash] of Object.entries(entry.deps)) if ((await hashFile(resolve(dir, dep))) !== hash) return undefined;
    return { pages: entry.pages, warnings: entry.warnings.map((w) => ({ ...w, file: restored(dir, w.file, yamlFile) })) };
  }

  async record(yamlFile: string, output: string, deps: string[], pages: number, diagnostics: Diagnostic[]): Promise<void> {
    const dir = dirname(output);
    const key = await this.key(yamlFile);
    const outputHash = await hashFile(output);
    if (!key || !outputHash) return;
    const depHashes: Record<string, string> = {};
    for (const d of deps) {
      const h = await hashFile(d);
      if (h) depHashes[stored(dir, d)] = h;
    }
    const warnings = diagnostics.filter((d) => d.severity === 'warning').map((d) => ({ ...d, file: stored(dir, d.file) }));
    (await this.manifest(dir))[basename(output)] = { key, source: stored(dir, yamlFile), deps: depHashes, output: outputHash, pages, warnings };
    this.dirty.add(dir);
  }

  async save(): Promise<void> {
    for (const dir of this.dirty) await writeManifest(dir, this.manifests.get(dir)!);
    this.dirty.clear();
  }
}
