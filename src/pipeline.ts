/**
 * One document through the stages: load → validate → derive → render → print.
 * Each stage adds to one list of diagnostics; a stage runs only when the ones
 * before it found no error, so an officer sees every problem of a kind at once.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { replaceRefusal, writeAtomically } from './batch/outputs.js';
import { bi, formatPath, hasErrors, UserError, type Bilingual, type Diagnostic, type YamlPath } from './diagnostics.js';
import { interpolateField } from './derive/placeholders.js';
import { KINDS, type AnyKind } from './kinds/index.js';
import type { DeriveContext, DerivedDocument, KindContext, LinkedDocument } from './kinds/kind.js';
import { AUTHORITY_KIND, checkAuthorityFile, isAuthorityFile, resolveAuthority } from './load/authority.js';
import { describeReadFailure, documentRoot } from './load/files.js';
import { readSource } from './load/source.js';
import { parseYaml, type LoadedYaml } from './load/yaml.js';
import type { Printer } from './print/printer.js';
import type { Renderer } from './render/html.js';
import { SchemaValidator } from './validate/schema.js';
import { kindChoices } from './validate/suggest.js';
import { bundleFile } from './validate/bundle.js';
import { normalizeThai, withDateHints } from './validate/normalize.js';
import { findLeftovers, findLeftoversIn } from './validate/leftovers.js';
import { TOOL_VERSION } from './paths.js';

export interface Checked {
  file: string;
  /** The folder the document may read from (files.ts documentRoot). */
  root: string;
  diagnostics: Diagnostic[];
  doc?: LoadedYaml;
  kind?: AnyKind;
  /** What the kind's rules returned, for its derive step. */
  learnt?: unknown;
}

function kindContext(doc: LoadedYaml, diagnostics: Diagnostic[], root: string, chain: readonly string[] = []): KindContext {
  const problem: KindContext['problem'] = (severity, code, path, message, hint, opts) => {
    diagnostics.push({ severity, code, file: doc.file, path, ...doc.locate(path, opts), message, hint });
  };
  return {
    doc,
    dependOn: (path: string) => doc.dependencies.push(resolve(path)),
    report: (d) => diagnostics.push(d),
    problem,
    linked: (ref, at, kind) => openLinked(doc, root, chain, ref, at, kind, problem),
  };
}

/** KindContext.linked: another document, checked by this pipeline, its problems summed up at the line that names it. */
async function openLinked(doc: LoadedYaml, root: string, chain: readonly string[], ref: string, at: YamlPath, kind: string, problem: KindContext['problem']): Promise<LinkedDocument | undefined> {
  const self = resolve(doc.file);
  const target = resolve(dirname(self), ref);
  const noun = KINDS.get(kind)?.noun ?? bi(`เอกสาร ${kind}`, `${kind} document`);
  const err = (code: string, message: Bilingual, hint: Bilingual) => problem('error', code, at, message, hint);
  if (target === self) {
    err('link/self', bi(`${formatPath(at)} ชี้มาที่ไฟล์นี้เอง`, `${formatPath(at)} names this very file`), bi(`ระบุไฟล์${noun.th} (kind: ${kind})`, `name the ${noun.en} (kind: ${kind})`));
    return undefined;
  }
  if (chain.includes(target)) {
    err('link/cycle', bi(`เอกสารอ้างถึงกันเป็นวง: ${[...chain, self, target].map((f) => basename(f)).join(' → ')}`, `the documents refer to each other in a circle: ${[...chain, self, target].map((f) => basename(f)).join(' → ')}`), bi('ลบการอ้างอิงในไฟล์ใดไฟล์หนึ่ง', 'remove the reference from one of the files'));
    return undefined;
  }
  const source = await readSource(target, root);
  const read = source.ok ? undefined : source.read;
  // A missing file is followed (--watch notices it appear); a pipe or a file outside the root never is.
  if ((!read || read.problem === 'not-found') && !doc.dependencies.includes(target)) doc.dependencies.push(target);
  if (read?.problem === 'not-found') {
    err('link/not-found', bi(`ไม่พบไฟล์${noun.th} ${ref} (${target})`, `${noun.en} ${ref} not found (${target})`), bi('ตำแหน่งไฟล์นับจากโฟลเดอร์ของไฟล์นี้ ตรวจชื่อไฟล์และโฟลเดอร์', "the path is relative to this file's folder; check the file name and folder"));
    return undefined;
  }
  if (read) {
    const d = describeReadFailure(read, ref, bi('ระบุไฟล์เอกสารที่ถูกต้อง', 'name the right document'));
    err(d.code, d.message, d.hint);
    return undefined;
  }
  const linked = source.ok ? await checkSource(target, source.text, { chain: [...chain, self], root }) : { diagnostics: [source.diagnostic], doc: undefined };
  const data = linked.doc?.data as { kind?: unknown } | null | undefined;
  if (data && typeof data === 'object' && data.kind !== kind) {
    err('link/kind', bi(`${ref} เป็นเอกสารชนิด ${String(data.kind)} ไม่ใช่${noun.th} (${kind})`, `${ref} is a ${String(data.kind)} document, not a ${noun.en}`), bi(`ระบุไฟล์ที่ขึ้นต้นด้วย kind: ${kind}`, `name a file that starts with kind: ${kind}`));
    return undefined;
  }
  // What the linked document was made from (its authority file) shapes this one too.
  for (const dep of linked.doc?.dependencies ?? []) if (!doc.dependencies.includes(dep)) doc.dependencies.push(dep);
  const errors = linked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !linked.doc) {
    const e = errors[0];
    err('link/invalid',
      bi(`${noun.th} ${ref} มีข้อผิดพลาด ${errors.length} รายการ${e ? ` (บรรทัด ${e.line}: ${e.message.th})` : ''}`, `the ${noun.en} ${ref} has ${errors.length} error(s)${e ? ` (line ${e.line}: ${e.message.en})` : ''}`),
      bi(`แก้ไฟล์นั้นก่อน: ita-report validate ${ref}`, `fix it first: ita-report validate ${ref}`));
    return undefined;
  }
  return { file: target, doc: linked.doc, data: linked.doc.data };
}

function selectKind(doc: LoadedYaml, diagnostics: Diagnostic[]): AnyKind | undefined {
  const data = doc.data as { kind?: unknown } | null;
  // An authority file (kind: authority) is a kind of file too: "kind: authorty" gets its suggestion.
  const names = [...KINDS.keys(), AUTHORITY_KIND];
  const base = { severity: 'error' as const, file: doc.file, path: ['kind'] };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    diagnostics.push({ ...base, code: 'kind/not-a-document', path: [], line: 1, column: 1, message: bi('ไฟล์นี้ไม่ใช่เอกสาร (ต้องเป็นกลุ่มฟิลด์ ชื่อ: ค่า)', 'this file is not a document (it must be a mapping of key: value)'), hint: bi(`เริ่มไฟล์ด้วย kind: ${names[0]}`, `start the file with kind: ${names[0]}`) });
    return undefined;
  }
  if (data.kind === undefined) {
    diagnostics.push({ ...base, code: 'kind/missing', line: 1, column: 1, message: bi('ไม่ได้ระบุชนิดเอกสาร (kind)', 'the document kind (kind:) is missing'), hint: bi(`เพิ่มบรรทัด kind: ... ชนิดที่มี: ${names.join(', ')}`, `add a line "kind: ..."; kinds: ${names.join(', ')}`) });
    return undefined;
  }
  const kind = KINDS.get(String(data.kind));
  if (!kind) {
    diagnostics.push({ ...base, code: 'kind/unknown', ...doc.locate(['kind']), message: bi(`ไม่รู้จักชนิดเอกสาร "${String(data.kind)}"`, `unknown document kind "${String(data.kind)}"`), hint: kindChoices(String(data.kind), names) });
  }
  return kind;
}

let sharedValidator: Promise<SchemaValidator> | undefined;
function validator(): Promise<SchemaValidator> {
  return (sharedValidator ??= SchemaValidator.load());
}

export interface CheckOptions {
  /** The documents whose links led here (KindContext.linked), to stop a circle of links. */
  chain?: readonly string[];
  /** --root: the folder every file the document names must lie in (default: files.ts documentRoot). */
  root?: string;
}

/** load + validate: everything `ita-report validate` does, and no browser. */
export async function checkDocument(file: string, opts: CheckOptions = {}): Promise<Checked> {
  const root = await documentRoot(file, opts.root);
  const source = await readSource(file, root);
  if (!source.ok) return { file, root, diagnostics: [source.diagnostic] };
  return checkSource(file, source.text, { ...opts, root });
}

async function checkSource(file: string, text: string, opts: CheckOptions & { root: string }): Promise<Checked> {
  const root = opts.root;
  const parsed = parseYaml(file, text);
  const diagnostics = [...parsed.diagnostics];
  const doc = parsed.loaded;
  if (!doc) return { file, root, diagnostics };
  // An authority file (kind: authority) is checked on its own: its fields, extends: chain and logo.
  // Starter text not replaced yet: warnings, in this file and in the authority files it uses.
  const leftovers = findLeftovers(doc);
  if (isAuthorityFile(doc.data)) {
    diagnostics.push(...(await checkAuthorityFile(doc, await validator(), root)), ...leftovers, ...(await findLeftoversIn(doc.dependencies)));
    return { file, root, diagnostics, doc };
  }
  const kind = selectKind(doc, diagnostics);
  if (!kind) return { file, root, diagnostics, doc };
  // `authority: ../authority.yaml` becomes the fields of that file before the schema sees it.
  const authority = await resolveAuthority(doc, await validator(), root);
  diagnostics.push(...authority, ...leftovers, ...(await findLeftoversIn(doc.dependencies)));
  // A reference that could not be followed is reported once, at its line, not again by the schema.
  const referenceFailed = authority.some((d) => d.file === doc.file && d.path.length === 1 && d.path[0] === 'authority');
  // Thai digits and Thai-written dates become the numbers and ISO dates the schema asks for.
  const dateHints = normalizeThai(doc.data, bundleFile(kind.schema));
  diagnostics.push(...withDateHints((await validator()).validate(kind.schema, doc), dateHints).filter((d) => !(referenceFailed && d.path[0] === 'authority')));
  const learnt = hasErrors(diagnostics) ? undefined : await kind.rules?.(doc.data as never, kindContext(doc, diagnostics, root, opts.chain));
  return { file, root, diagnostics, doc, kind, learnt };
}

export interface Derived extends Checked {
  derived?: DerivedDocument;
}

export async function deriveDocument(file: string, opts: { root?: string } = {}): Promise<Derived> {
  const checked = await checkDocument(file, opts);
  const { doc, kind, diagnostics } = checked;
  if (!doc || !kind || hasErrors(diagnostics)) return checked;
  const input = doc.data as { options?: { digits?: 'thai' | 'arabic' } };
  const base = kindContext(doc, diagnostics, checked.root);
  const ctx: DeriveContext = {
    ...base,
    digits: input.options?.digits ?? 'thai',
    prose: (value, path, values) => interpolateField(value, values, doc, path, base.report),
  };
  const derived = kind.derive(input as never, ctx, checked.learnt);
  return { ...checked, derived: hasErrors(diagnostics) ? undefined : derived };
}

let sharedRenderer: Renderer | undefined;
/** Templates are compiled once per process; --watch calls this when one of them changes. */
export function reloadTemplates(): void {
  sharedRenderer = undefined;
}
/** The renderer (Handlebars, Markdown) is loaded on first use: validating needs none of it. */
export async function renderHtml(kind: string, derived: DerivedDocument): Promise<string> {
  if (!sharedRenderer) {
    const { Renderer } = await import('./render/html.js');
    sharedRenderer ??= new Renderer();
  }
  return sharedRenderer.render(kind, derived);
}

/** SOURCE_DATE_EPOCH wins (reproducible builds); otherwise the document's own date, so rebuilding gives the same bytes. */
export function pdfDate(derived: DerivedDocument): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  if (derived.meta.date) return new Date(`${derived.meta.date}T00:00:00Z`);
  return new Date(0);
}

export function outputPathFor(file: string, outDir?: string): string {
  const name = `${basename(file, extname(file))}.pdf`;
  return resolve(outDir ?? dirname(file), name);
}

// The batch cache writes its manifest the same way.
export { writeAtomically };

export interface BuildResult extends Derived {
  output?: string;
  pages?: number;
  ms: number;
  /** Files besides the YAML that went into the PDF (for incremental builds). */
  dependencies: string[];
}

export interface BuildDocumentOptions {
  outDir?: string;
  output?: string;
  /** The result of deriveDocument(file) when the caller already has it (a batch checks first). */
  derived?: Derived;
  /** --root (CheckOptions.root). */
  root?: string;
  /** --force: replace an existing PDF even when ita-report did not make it (outputs.ts). */
  force?: boolean;
}

/** `printer` may still be starting: the HTML is rendered meanwhile. */
export async function buildDocument(file: string, printer: Printer | Promise<Printer>, opts: BuildDocumentOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const derived = { ...(opts.derived ?? (await deriveDocument(file, { root: opts.root }))), dependencies: [] as string[] };
  if (derived.doc && isAuthorityFile(derived.doc.data) && !hasErrors(derived.diagnostics)) {
    derived.diagnostics.push({ severity: 'error', code: 'build/authority-file', file, line: 1, column: 1, path: ['kind'], message: bi('ไฟล์นี้เป็นข้อมูลหน่วยงาน (kind: authority) ไม่มี PDF ของตัวเอง', 'this is an authority file (kind: authority); it has no PDF of its own'), hint: bi('สร้าง PDF จากเอกสารที่อ้างถึงไฟล์นี้ (authority: ...) ส่วนไฟล์นี้ตรวจได้ด้วย ita-report validate', 'build the documents that refer to it (authority: ...); check this file with ita-report validate') });
  }
  if (!derived.derived || !derived.kind) return { ...derived, ms: performance.now() - started };
  const output = opts.output ?? outputPathFor(file, opts.outDir);
  if (resolve(output) === resolve(file)) {
    derived.diagnostics.push({ severity: 'error', code: 'build/overwrite-input', file, line: 0, column: 0, path: [], message: bi('ไฟล์ผลลัพธ์จะทับไฟล์ต้นฉบับ', 'the output would overwrite the input file'), hint: bi('เปลี่ยนนามสกุลไฟล์ YAML เป็น .yaml', 'give the YAML file a .yaml extension') });
    return { ...derived, ms: performance.now() - started };
  }
  // Checked before printing, so a PDF that must be kept costs no print.
  const refusal = await replaceRefusal(output, opts.force);
  if (refusal) {
    derived.diagnostics.push({ severity: 'error', file, line: 0, column: 0, path: [], ...refusal });
    return { ...derived, ms: performance.now() - started };
  }
  const html = await renderHtml(derived.kind.name, derived.derived);
  // For template work: the HTML exactly as the browser receives it.
  // It replaces only HTML of ours (the layout names ita-report as generator), even with --force,
  // which speaks of PDFs.
  if (process.env.ITA_REPORT_KEEP_HTML) {
    const htmlOut = output.replace(/\.pdf$/, '.html');
    const kept = await replaceRefusal(htmlOut);
    if (kept) derived.diagnostics.push({ severity: 'warning', file, line: 0, column: 0, path: [], ...kept });
    else await mkdir(dirname(output), { recursive: true }).then(() => writeFile(htmlOut, html));
  }
  let printed;
  try {
    printed = await (await printer).print({
    file,
    html,
    meta: derived.derived.meta,
    digits: derived.derived.digits,
    kind: derived.kind.name,
    baseDir: dirname(resolve(file)),
    root: derived.root,
    date: pdfDate(derived.derived),
    producer: `ita-report ${TOOL_VERSION}`,
    });
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    derived.diagnostics.push(...err.diagnostics);
    return { ...derived, ms: performance.now() - started };
  }
  derived.diagnostics.push(...printed.warnings);
  await writeAtomically(output, printed.pdf);
  return { ...derived, dependencies: [...(derived.doc?.dependencies ?? []), ...printed.loadedFiles], output, pages: printed.pages, ms: performance.now() - started };
}
