/** Shared test helpers: build with the real pipeline and inspect PDFs with poppler. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'bin', 'ita-report.js');

/** The folders tempDir made for the test file running now; test/cleanup.ts removes them after it. */
export const madeDirs: string[] = [];

export function tempDir(prefix = 'ita-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

/** Writes a YAML text to a fresh temporary file and returns its path. */
export function yamlFile(text: string, name = 'doc.yaml'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would (needs `npm run build` first, which `npm test` does), from `cwd` (default: this project). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): CliRun {
  // Inside GitHub Actions diagnostics become annotations on stdout; the tests expect the usual output unless they ask.
  const { GITHUB_ACTIONS: _, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

export function pdftotext(pdf: string, opts: string[] = []): string {
  return execFileSync('pdftotext', [...opts, pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Text of each page, 1-based index 0 unused. */
export function pageTexts(pdf: string): string[] {
  return ['', ...pdftotext(pdf).split('\f').slice(0, -1)];
}

export function pdfinfo(pdf: string, opts: string[] = []): string {
  return execFileSync('pdfinfo', [...opts, pdf], { encoding: 'utf8' });
}

export function pdffonts(pdf: string): string[] {
  return execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).map((l) => l.split(/\s+/)[0]!);
}

export interface PageSize {
  page: number;
  width: number;
  height: number;
}

export function pageSizes(pdf: string): PageSize[] {
  const out = pdfinfo(pdf, ['-f', '1', '-l', '9999']);
  return [...out.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({ page: Number(m[1]), width: Number(m[2]), height: Number(m[3]) }));
}

/**
 * Words of zero width: the sign of the tone-mark leak (domain.md §5), where the
 * marks of a page's first line are painted at the foot of the previous page.
 */
export function zeroWidthWords(pdf: string): { page: number; word: string; y: number }[] {
  const xml = pdftotext(pdf, ['-bbox']);
  const out: { page: number; word: string; y: number }[] = [];
  xml.split('<page ').slice(1).forEach((pageXml, i) => {
    for (const m of pageXml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
      if (Number(m[3]) - Number(m[1]) < 0.01) out.push({ page: i + 1, word: m[4]!, y: Number(m[2]) });
    }
  });
  return out;
}

/**
 * Words printed outside the official margins (left 3 cm, right 2 cm, top 2.5 cm,
 * bottom 2 cm, domain.md §5) on any page, portrait or landscape; in the top margin only
 * the page number "- ๒ -" may stand.
 */
export function outsideMargins(pdf: string): string[] {
  const cm = 72 / 2.54;
  const out: string[] = [];
  pdftotext(pdf, ['-bbox']).split('<page ').slice(1).forEach((pageXml, i) => {
    const width = Number(/width="([\d.]+)"/.exec(pageXml)![1]);
    const height = Number(/height="([\d.]+)"/.exec(pageXml)![1]);
    for (const m of pageXml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
      const pageNumber = y1 < 2.5 * cm && /^(-|[0-9๐-๙]+)$/.test(m[5]!);
      if (pageNumber) continue;
      if (x0 < 3 * cm - 1 || x1 > width - 2 * cm + 1 || y0 < 2.5 * cm - 1 || y1 > height - 2 * cm + 1) out.push(`page ${i + 1}: "${m[5]}" at ${x0.toFixed(0)},${y0.toFixed(0)}–${x1.toFixed(0)},${y1.toFixed(0)}`);
    }
  });
  return out;
}

export function toThaiDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
}
