/**
 * Which characters Sarabun draws, read from the font package itself: Chromium uses an
 * @font-face for a character when the character is in the face's unicode-range and in the
 * character map (cmap) of its font file. Answering from the files takes microseconds; the
 * printer asks Chromium itself (its glyph probe) only about characters this says no to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

interface Face {
  weight: string;
  style: string;
  ranges: [number, number][];
  /** The WOFF (1.0) file: the same font as the woff2 Chromium loads, with tables zlib-compressed. */
  file: string;
  cmap?: Set<number>;
}

/** The @font-face rules of a stylesheet written by @fontsource. */
function facesOf(css: string, fontDir: string): Face[] {
  const faces: Face[] = [];
  for (const [, body] of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const prop = (name: string) => new RegExp(`${name}\\s*:\\s*([^;]+);`).exec(body!)?.[1]?.trim() ?? '';
    const file = /url\(([^)]+\.woff)\)/.exec(prop('src'))?.[1];
    if (!file) continue;
    const ranges = prop('unicode-range')
      .split(',')
      .map((r) => r.trim().replace(/^U\+/i, ''))
      .filter(Boolean)
      .map((r): [number, number] => {
        const [lo, hi] = r.split('-');
        return [parseInt(lo!, 16), parseInt(hi ?? lo!, 16)];
      });
    faces.push({ weight: prop('font-weight'), style: prop('font-style'), ranges, file: join(fontDir, 'files', file.replace(/^.*\//, '')) });
  }
  return faces;
}

/** The code points a WOFF file's cmap maps to a glyph (formats 4 and 12, which Sarabun uses). */
function readCmap(file: string): Set<number> {
  const woff = readFileSync(file);
  const tables = woff.readUInt16BE(12);
  let cmap: Buffer | undefined;
  for (let i = 0; i < tables; i++) {
    const at = 44 + i * 20;
    if (woff.toString('latin1', at, at + 4) !== 'cmap') continue;
    const offset = woff.readUInt32BE(at + 4);
    const compressed = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const data = woff.subarray(offset, offset + compressed);
    cmap = compressed < length ? inflateSync(data) : data;
  }
  const points = new Set<number>();
  if (!cmap) return points;
  for (let i = 0; i < cmap.readUInt16BE(2); i++) {
    const sub = cmap.readUInt32BE(4 + i * 8 + 4);
    const format = cmap.readUInt16BE(sub);
    if (format === 4) {
      const segs = cmap.readUInt16BE(sub + 6) / 2;
      const ends = sub + 14;
      const starts = ends + segs * 2 + 2;
      const deltas = starts + segs * 2;
      const rangeOffsets = deltas + segs * 2;
      for (let s = 0; s < segs; s++) {
        const end = cmap.readUInt16BE(ends + s * 2);
        const start = cmap.readUInt16BE(starts + s * 2);
        const delta = cmap.readUInt16BE(deltas + s * 2);
        const rangeOffset = cmap.readUInt16BE(rangeOffsets + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
          else {
            const g = cmap.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
            glyph = g === 0 ? 0 : (g + delta) & 0xffff;
          }
          if (glyph !== 0) points.add(c);
        }
      }
    } else if (format === 12) {
      const groups = cmap.readUInt32BE(sub + 12);
      for (let g = 0; g < groups; g++) {
        const at = sub + 16 + g * 12;
        const [start, end, glyph] = [cmap.readUInt32BE(at), cmap.readUInt32BE(at + 4), cmap.readUInt32BE(at + 8)];
        for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) points.add(c);
      }
    }
  }
  return points;
}

export class FontCoverage {
  private readonly faces: Face[];

  /** `css`: the @fontsource stylesheets the documents use. */
  constructor(css: string, fontDir: string) {
    this.faces = facesOf(css, fontDir);
  }

  /** Whether the upright face of `weight` draws the character. */
  covers(ch: string, weight: string): boolean {
    const c = ch.codePointAt(0)!;
    for (const face of this.faces) {
      if (face.style !== 'normal' || face.weight !== weight || !face.ranges.some(([lo, hi]) => c >= lo && c <= hi)) continue;
      face.cmap ??= readCmap(face.file);
      if (face.cmap.has(c)) return true;
    }
    return false;
  }
}
