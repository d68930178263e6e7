/**
 * Thai words are never cut at a line end inside table cells.
 *
 * Thai has no spaces between words; Chromium finds line-break opportunities with its
 * own dictionary, and in a narrow cell `overflow-wrap` cuts a word it cannot fit
 * anywhere. Here every Thai word of a cell (as ICU's word segmentation, Node's
 * `Intl.Segmenter('th', { granularity: 'word' })`, finds them) becomes a
 * `<span class="w">` that never wraps, with a `<wbr>` between two adjacent words: a line
 * can end only between words. A word wider than its column is shrunk by the printer
 * (prepareTables in src/print/continued.ts) rather than cut.
 */

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
const THAI = /[\u0e01-\u0e5b]/;

/** One run of text (HTML-escaped, no tags) with its Thai words kept whole. */
export function keepThaiWordsInText(text: string): string {
  if (!THAI.test(text)) return text;
  let out = '';
  let previousThai = false;
  for (const { segment } of segmenter.segment(text)) {
    const thai = THAI.test(segment);
    if (thai) out += `${previousThai ? '<wbr>' : ''}<span class="w">${segment}</span>`;
    else out += segment;
    previousThai = thai;
  }
  return out;
}

const CELL = /(<(td|th)\b[^>]*>)([\s\S]*?)(<\/\2>)/g;
const TAG = /(<[^>]*>)/;

/** The document's HTML with the Thai words of every table cell kept whole (text between tags only; tags and attributes untouched). */
export function keepThaiWords(html: string): string {
  return html.replace(CELL, (_, open: string, _tag: string, inner: string, close: string) => {
    const parts = inner.split(TAG).map((part) => (part.startsWith('<') ? part : keepThaiWordsInText(part)));
    return open + parts.join('') + close;
  });
}
