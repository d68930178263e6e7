/**
 * What an image is, by its bytes: a logo named `.png` that is really a text file (or a
 * PDF, or a Word document) is an error at its line, not a broken-image icon on the cover.
 * PNG, JPEG and SVG are what officers have; GIF and WebP (old and new web pages publish
 * seals in them) are drawn by Chromium just as well, so they are accepted too.
 */

const SVG_START = /^(?:\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*<svg[\s>]/i;

/** The image's MIME type, or undefined when the bytes are not one of the accepted images. */
export function imageTypeOf(bytes: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (/^GIF8[79]a$/.test(ascii(0, 6))) return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  // An SVG is text: look at its beginning only (an XML declaration, comments, a doctype, then <svg).
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8').replace(/^\uFEFF/, '');
  if (SVG_START.test(head)) return 'image/svg+xml';
  return undefined;
}

/** The bytes of a `data:` URL (base64 or percent-encoded), or undefined when it is not one. */
export function dataUrlBytes(url: string): Buffer | undefined {
  const m = /^data:[^,]*?(;base64)?,/i.exec(url);
  if (!m) return undefined;
  const payload = url.slice(m[0].length);
  if (m[1]) return Buffer.from(payload, 'base64');
  try {
    return Buffer.from(decodeURIComponent(payload), 'utf8');
  } catch {
    return undefined;
  }
}
