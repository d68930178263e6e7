/**
 * Derived document → HTML through Handlebars. templates/layout.hbs is the page
 * shell shared by every kind (fonts, the official stylesheet, page numbers);
 * templates/<kind>/document.hbs is the body, and templates/<kind>/*.hbs and
 * templates/shared/*.hbs are partials.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATE_DIR } from '../paths.js';
import { applyDigits, type DigitStyle } from '../thai/index.js';
import type { DerivedDocument } from '../kinds/kind.js';
import { renderMarkdown, renderMarkdownInline, renderProse } from './markdown.js';
import { keepThaiWords } from './thai-words.js';

type Template = Handlebars.TemplateDelegate;

function digitsOf(options: Handlebars.HelperOptions): DigitStyle {
  return (options.data?.root as { digits?: DigitStyle } | undefined)?.digits ?? 'thai';
}

function createEnvironment(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('md', (text: unknown, options: Handlebars.HelperOptions) =>
    typeof text === 'string' ? new hb.SafeString(renderMarkdown(text, digitsOf(options))) : '',
  );
  hb.registerHelper('mdInline', (text: unknown, options: Handlebars.HelperOptions) =>
    typeof text === 'string' ? new hb.SafeString(renderMarkdownInline(text, digitsOf(options))) : '',
  );
  hb.registerHelper('prose', (value: unknown, options: Handlebars.HelperOptions) =>
    typeof value === 'string' || Array.isArray(value) ? new hb.SafeString(renderProse(value as string | string[], digitsOf(options))) : '',
  );
  /** Plain text whose digits follow the document's option (names, labels typed by officers). */
  hb.registerHelper('text', (value: unknown, options: Handlebars.HelperOptions) => applyDigits(String(value ?? ''), digitsOf(options)));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return hb;
}

export class Renderer {
  private readonly hb = createEnvironment();
  private readonly layout: Template;
  private readonly documents = new Map<string, Template>();

  constructor(private readonly templateDir = TEMPLATE_DIR) {
    this.registerPartials('shared', join(templateDir, 'shared'));
    this.layout = this.compile(join(templateDir, 'layout.hbs'));
  }

  private compile(file: string): Template {
    return this.hb.compile(readFileSync(file, 'utf8'), { strict: false, noEscape: false });
  }

  private registerPartials(prefix: string, dir: string): void {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.hbs') && f !== 'document.hbs') this.hb.registerPartial(`${prefix}/${basename(f, '.hbs')}`, readFileSync(join(dir, f), 'utf8'));
    }
  }

  private documentTemplate(kind: string): Template {
    let t = this.documents.get(kind);
    if (!t) {
      const dir = join(this.templateDir, kind);
      this.registerPartials(kind, dir);
      t = this.compile(join(dir, 'document.hbs'));
      this.documents.set(kind, t);
    }
    return t;
  }

  render(kind: string, doc: DerivedDocument): string {
    const context = { ...(doc.model as object), digits: doc.digits, meta: doc.meta };
    const body = keepThaiWords(this.documentTemplate(kind)(context));
    return this.layout({ ...context, kind, body: new this.hb.SafeString(body), pageCounterStyle: doc.digits === 'thai' ? 'thai' : 'decimal' });
  }
}
