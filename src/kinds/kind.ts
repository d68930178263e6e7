/**
 * What a document kind contributes to the shared pipeline. A kind is its schema
 * (schemas/<kind>.schema.json), its templates (templates/<kind>/) and this object:
 * rules the schema cannot express, and the derive step that computes everything
 * an officer must never type (totals, counts, numbering, baht text, periods).
 */
import type { Bilingual, Diagnostic, YamlPath } from '../diagnostics.js';
import type { LoadedYaml } from '../load/yaml.js';
import type { PlaceholderValues } from '../derive/placeholders.js';
import type { DigitStyle } from '../thai/index.js';

/** Another document this one refers to, loaded and checked by the same pipeline. */
export interface LinkedDocument {
  /** Absolute path. */
  file: string;
  doc: LoadedYaml;
  /** The linked document's data, after its own authority reference was resolved. */
  data: unknown;
}

export interface KindContext {
  doc: LoadedYaml;
  /**
   * Opens a document this one refers to (`measures_document:`, `plan:`): `ref` is a path
   * relative to this file, written at `at`. The target must be a document of `kind` without
   * errors; it is checked by the same pipeline (so kinds import nothing above them) and
   * recorded as a dependency. When it cannot be followed (missing, this very file, another
   * kind, invalid, a circle of links) the problem is reported at `at` and the result is undefined.
   */
  linked(ref: string, at: YamlPath, kind: string): Promise<LinkedDocument | undefined>;
  /** Declares another file this document is made from (a linked document), for incremental builds. */
  dependOn(path: string): void;
  report(d: Diagnostic): void;
  /** A diagnostic at the value (or key) found at `path`. */
  problem(severity: Diagnostic['severity'], code: string, path: YamlPath, message: Bilingual, hint?: Bilingual, opts?: { key?: boolean }): void;
}

export interface DeriveContext extends KindContext {
  digits: DigitStyle;
  /** Resolves `{{placeholders}}` in the text (or list of texts) found at `path`. */
  prose<T extends string | string[] | undefined>(value: T, path: YamlPath, values: PlaceholderValues): T;
}

/** PDF document information; `author` is the authority. */
export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The document's own date (ISO), used for reproducible PDF dates when SOURCE_DATE_EPOCH is unset. */
  date?: string;
}

export interface DerivedDocument {
  meta: DocumentMeta;
  digits: DigitStyle;
  /** What templates/<kind>/document.hbs receives. */
  model: unknown;
}

/**
 * `Learnt`: what the rules found out and the derive step needs (a progress report's plan,
 * matched against its entries), handed from one to the other by the pipeline.
 */
export interface DocumentKind<Input = unknown, Learnt = void> {
  name: string;
  title: Bilingual;
  /** How messages name a document of this kind: "เอกสารมาตรการ" / "measures document". */
  noun: Bilingual;
  /** File name in schemas/. */
  schema: string;
  /** Checks beyond the schema; runs only on schema-valid input. */
  /** May be async (a rule that reads a linked document); the pipeline awaits it. */
  rules?(input: Input, ctx: KindContext): Learnt | Promise<Learnt>;
  /** Runs only when the schema and the rules found no error; `learnt` is what the rules returned. */
  derive(input: Input, ctx: DeriveContext, learnt: Learnt): DerivedDocument;
}
