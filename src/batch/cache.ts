/**
 * Incremental builds: a PDF is rebuilt only when something it was made from has
 * changed — its YAML, the files it loaded (images, a linked document), the tool's
 * code, templates, schemas and fonts, or the tool version.
 * The record lives next to the PDFs in `.ita-report-cache.json`.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_DIR, SCHEMA_DIR, TEMPLATE_DIR, TOOL_VERSION } from '../paths.js';

/** The compiled code itself (dist/ or src/): a changed derive step changes the PDF too. */
const CODE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
import { writeAtomically } from '../pipeline.js';
import { readLimited } from '../load/files.js';
import { LIMITS } from '../load/limits.js';

const MANIFEST = '.ita-report-cache.json';

interface Entry {
  /** Hash of the tool and of the YAML. */
  key: string;
  /** Files the document loaded while building, with their hashes. */
  deps: Record<string, string>;
  /** Hash of the PDF written, so a replaced or damaged PDF is rebuilt. */
  output: string;
  pages: number;
}
type Manifest = Record<string, Entry>;

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

async function hashFile(path: string): Promise<string | undefined> {
  // Bounded, and never waiting on a named pipe put in a file's place since the last build.
  const read = await readLimited(path, LIMITS.yamlBytes);
  return read.ok ? sha256(read.bytes) : undefined;
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

export class BuildCache {
  private readonly manifests = new Map<string, Manifest>();
  private readonly dirty = new Set<string>();

  constructor(private readonly tool: string) {}

  private async manifest(dir: string): Promise<Manifest> {
    let m = this.manifests.get(dir);
    if (!m) {
      try {
        m = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest;
      } catch {
        m = {};
      }
      this.manifests.set(dir, m);
    }
    return m;
  }

  private async key(yamlFile: string): Promise<string | undefined> {
    const yaml = await hashFile(yamlFile);
    return yaml && sha256(`${this.tool}\n${yaml}`);
  }

  /** The page count of the PDF when it is up to date, else undefined. */
  async fresh(yamlFile: string, output: string): Promise<{ pages: number } | undefined> {
    const entry = (await this.manifest(dirname(output)))[basename(output)];
    if (!entry || entry.key !== (await this.key(yamlFile))) return undefined;
    if (!(await stat(output).catch(() => null)) || (await hashFile(output)) !== entry.output) return undefined;
    for (const [dep, hash] of Object.entries(entry.deps)) if ((await hashFile(dep)) !== hash) return undefined;
    return { pages: entry.pages };
  }

  async record(yamlFile: string, output: string, deps: string[], pages: number): Promise<void> {
    const key = await this.key(yamlFile);
    const outputHash = await hashFile(output);
    if (!key || !outputHash) return;
    const depHashes: Record<string, string> = {};
    for (const d of deps) {
      const h = await hashFile(d);
      if (h) depHashes[d] = h;
    }
    (await this.manifest(dirname(output)))[basename(output)] = { key, deps: depHashes, output: outputHash, pages };
    this.dirty.add(dirname(output));
  }

  async save(): Promise<void> {
    for (const dir of this.dirty) await writeAtomically(join(dir, MANIFEST), new TextEncoder().encode(`${JSON.stringify(this.manifests.get(dir), null, 1)}\n`));
    this.dirty.clear();
  }
}
