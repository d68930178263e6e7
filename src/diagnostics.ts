/**
 * The one problem report that flows from the loader, the schema, the rules and
 * the printer to the CLI. Every message exists in Thai and English, because the
 * people who fix the YAML read Thai and the CI logs are often read in English.
 */

export type Lang = 'th' | 'en';
export type Severity = 'error' | 'warning';

/** A message in both languages. */
export interface Bilingual {
  th: string;
  en: string;
}

export type YamlPath = ReadonlyArray<string | number>;

export interface Diagnostic {
  severity: Severity;
  /** Stable identifier of the rule, e.g. `schema/unknown-key`, for tests and --json. */
  code: string;
  file: string;
  /** 1-based; 0 when the problem is not tied to a place in the file. */
  line: number;
  column: number;
  path: YamlPath;
  message: Bilingual;
  hint?: Bilingual;
}

export function bi(th: string, en: string): Bilingual {
  return { th, en };
}

/** `dimensions[0].missions[2].name`, the way officers see the nesting. */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `--strict` (CI): a warning counts as an error, so nothing unfinished passes. */
export function strictly(list: Diagnostic[]): Diagnostic[] {
  return list.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d));
}

const SEVERITY_WORD: Record<Severity, Bilingual> = {
  error: bi('ข้อผิดพลาด', 'error'),
  warning: bi('คำเตือน', 'warning'),
};

/**
 * `plan.yaml:12:5: ข้อผิดพลาด: … (ที่ dimensions[0].name)` then an indented hint:
 * the compiler-style first line lets editors and CI annotate the right line.
 */
export function formatDiagnostic(d: Diagnostic, lang: Lang): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const pathText = d.path.length > 0 ? (lang === 'th' ? ` (ที่ ${formatPath(d.path)})` : ` (at ${formatPath(d.path)})`) : '';
  let text = `${where}: ${SEVERITY_WORD[d.severity][lang]}: ${d.message[lang]}${pathText}`;
  if (d.hint) text += `\n    ${lang === 'th' ? 'วิธีแก้' : 'fix'}: ${d.hint[lang]}`;
  return text;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** Raised for a failure that is the user's to fix; the CLI prints it without a stack trace. */
export class UserError extends Error {
  constructor(
    readonly diagnostics: Diagnostic[],
    message = 'user error',
  ) {
    super(message);
  }
}
