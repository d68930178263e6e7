/**
 * Free text in YAML is a safe subset of Markdown: paragraphs, headings (`## …`), bold,
 * italic, lists and links (markdown-it, which we would not write better ourselves).
 * Raw HTML is printed as text, never interpreted, and nothing that would load a
 * resource (images) is enabled, so prose cannot reach the network.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { applyDigits, type DigitStyle } from '../thai/index.js';

const md = new MarkdownIt('zero', { html: false, breaks: true, linkify: true, typographer: false });
md.enable(['paragraph', 'heading', 'list', 'emphasis', 'link', 'linkify', 'newline', 'escape', 'backticks', 'entity', 'text', 'balance_pairs', 'fragments_join']);

// A heading inside free text sits under the document's own headings (its parts and
// sections use h1–h2): `#` prints as h3, `##` as h4, `###` as h5, in the official heading style.
const headingTag = (markdownTag: string) => `h${Math.min(6, Number(markdownTag.slice(1)) + 2)}`;
md.renderer.rules.heading_open = (tokens, idx) => `<${headingTag(tokens[idx]!.tag)} class="md-heading">`;
md.renderer.rules.heading_close = (tokens, idx) => `</${headingTag(tokens[idx]!.tag)}>\n`;

// Links open outside the PDF viewer's document and only http(s)/mailto are allowed.
const SAFE_LINK = /^(https?:|mailto:)/i;
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

/** Converts digits in visible text, but not in a URL shown as its own link text. */
function convertDigits(tokens: Token[], digits: DigitStyle): void {
  if (digits === 'arabic') return;
  let linkHref: string | null = null;
  for (const t of tokens) {
    if (t.children) convertDigits(t.children, digits);
    if (t.type === 'link_open') linkHref = t.attrGet('href');
    else if (t.type === 'link_close') linkHref = null;
    else if (t.type === 'text' && !(linkHref !== null && (t.content === linkHref || /^(https?:|www\.)/i.test(t.content)))) {
      t.content = applyDigits(t.content, digits);
    }
  }
}

export function renderMarkdown(text: string, digits: DigitStyle): string {
  const tokens = md.parse(text, {});
  convertDigits(tokens, digits);
  return md.renderer.render(tokens, md.options, {});
}

export function renderMarkdownInline(text: string, digits: DigitStyle): string {
  const tokens = md.parseInline(text, {});
  convertDigits(tokens, digits);
  return md.renderer.render(tokens, md.options, {});
}

/** A text is Markdown paragraphs; a list of texts is a numbered list "๑) ๒) …". */
export function renderProse(value: string | string[], digits: DigitStyle): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => `<li>${renderMarkdownInline(item, digits)}</li>`).join('');
    return `<ol class="items">${items}</ol>`;
  }
  return renderMarkdown(value, digits);
}
