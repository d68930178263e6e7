/**
 * The authority's details written once: a document says `authority: ../authority.yaml`
 * and that file (`kind: authority`) holds the name, type, district, province, address,
 * website, logo and head. An authority file may `extends:` another one and override a
 * few fields. The reference is resolved right after loading, before schema validation,
 * so every later stage sees the usual mapping; problems inside an authority file are
 * reported at their line in that file, and a dangling or circular reference at the
 * line that makes it. Every file read is recorded as a dependency of the document
 * (incremental builds, --watch). Files are read through files.ts: inside the document's root
 * folder, regular files only, with size limits; a logo must be an image by its bytes.
 */
import { basename, dirname, relative, resolve } from 'node:path';
import { bi, hasErrors, type Bilingual, type Diagnostic, type YamlPath } from '../diagnostics.js';
import { describeReadFailure, readLimited, type ReadFailure } from './files.js';
import { dataUrlBytes, imageTypeOf } from './images.js';
import { LIMITS, megabytes } from './limits.js';
import { readSource } from './source.js';
import { parseYaml, type LoadedYaml } from './yaml.js';

export const AUTHORITY_KIND = 'authority';
export const AUTHORITY_SCHEMA = 'authority.schema.json';

/** What the pipeline's schema validator offers (kept structural to avoid an import cycle). */
export interface AuthorityValidator {
  validate(schemaFile: string, doc: LoadedYaml): Diagnostic[];
}

type Fields = Record<string, unknown>;

/** Where a reference is written: the file and the path of the `authority:` or `extends:` value. */
interface Place {
  doc: LoadedYaml;
  path: YamlPath;
}

interface Resolution {
  validator: AuthorityValidator;
  diagnostics: Diagnostic[];
  /** The document being checked: its folder names files in messages, and it collects the dependencies. */
  document: LoadedYaml;
  /** The folder every file read must lie in (files.ts, documentRoot). */
  root: string;
}

const IMAGE_SIZE_HINT = bi(
  `ย่อรูปให้เล็กกว่า ${megabytes(LIMITS.imageBytes)} (กว้างประมาณ 600 จุดก็พอสำหรับพิมพ์)`,
  `shrink it below ${megabytes(LIMITS.imageBytes)} (about 600 pixels wide is enough to print)`,
);

function isMapping(v: unknown): v is Fields {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function isAuthorityFile(data: unknown): boolean {
  return isMapping(data) && data.kind === AUTHORITY_KIND;
}

function report(r: Resolution, at: Place, code: string, message: Bilingual, hint: Bilingual): void {
  r.diagnostics.push({ severity: 'error', code, file: at.doc.file, path: at.path, ...at.doc.locate(at.path), message, hint });
}

/** A file the document is made from: incremental builds and --watch follow it (a missing one too, to notice it appear). */
function dependOn(r: Resolution, file: string): void {
  if (!r.document.dependencies.includes(file)) r.document.dependencies.push(file);
}

/** A file that could not be read for another reason than being missing: reported at the line that names it. */
function reportUnreadable(r: Resolution, at: Place, ref: string, read: Exclude<ReadFailure, { problem: 'not-found' }>, sizeHint: Bilingual): void {
  const d = describeReadFailure(read, ref, sizeHint);
  report(r, at, d.code, d.message, d.hint);
}

/** A file as the officer would write it from the document's folder. */
function shown(r: Resolution, file: string): string {
  const rel = relative(dirname(resolve(r.document.file)), file);
  return rel === '' ? basename(file) : rel;
}

/**
 * Replaces a document's `authority: FILE` with the fields of that file (following
 * `extends:`), and embeds a logo of either form. Returns the problems found.
 */
export async function resolveAuthority(doc: LoadedYaml, validator: AuthorityValidator, root: string): Promise<Diagnostic[]> {
  const r: Resolution = { validator, diagnostics: [], document: doc, root };
  if (!isMapping(doc.data)) return [];
  const data = doc.data;
  const value = data.authority;
  if (typeof value === 'string') {
    const fields = await follow(r, value, { doc, path: ['authority'] }, [resolve(doc.file)]);
    if (fields && !hasErrors(r.diagnostics)) data.authority = fields;
  } else if (isMapping(value) && typeof value.logo === 'string') {
    const logo = await embedLogo(r, value.logo, { doc, path: ['authority', 'logo'] });
    if (logo) value.logo = logo;
  }
  return r.diagnostics;
}

/** `ita-report validate authority.yaml`: the file itself, its `extends:` chain and its logo. */
export async function checkAuthorityFile(doc: LoadedYaml, validator: AuthorityValidator, root: string): Promise<Diagnostic[]> {
  const r: Resolution = { validator, diagnostics: [], document: doc, root };
  await fieldsOf(r, doc, [resolve(doc.file)]);
  return r.diagnostics;
}

async function follow(r: Resolution, ref: string, from: Place, chain: string[]): Promise<Fields | undefined> {
  if (!/\.ya?ml$/i.test(ref.trim())) {
    report(r, from, 'authority/not-a-file',
      bi(`ค่า "${ref}" ไม่ใช่ชื่อไฟล์ข้อมูลหน่วยงาน (.yaml)`, `"${ref}" is not the name of an authority file (.yaml)`),
      bi('เขียนชื่อไฟล์ข้อมูลหน่วยงาน เช่น authority: ../authority.yaml หรือเขียนเป็นกลุ่มฟิลด์ โดยขึ้นบรรทัดใหม่แล้วย่อหน้า name: ชื่อหน่วยงาน',
        'name the authority file, e.g. authority: ../authority.yaml, or write the fields on indented lines below: name: …'));
    return undefined;
  }
  const target = resolve(dirname(resolve(from.doc.file)), ref.trim());
  const loop = chain.indexOf(target);
  if (loop >= 0) {
    const cycle = [...chain.slice(loop), target].map((f) => shown(r, f)).join(' → ');
    report(r, from, 'authority/cycle',
      bi(`การอ้างอิงไฟล์หน่วยงานวนกลับมาที่เดิม: ${cycle}`, `the authority files refer to each other in a circle: ${cycle}`),
      bi('ลบหรือแก้บรรทัด extends: ในไฟล์ใดไฟล์หนึ่ง ไฟล์หน่วยงานหลักต้องไม่มี extends:', 'remove or change one of the extends: lines; the base authority file has no extends:'));
    return undefined;
  }
  const source = await readSource(target, r.root);
  const read = source.ok ? undefined : source.read;
  // A file that is there, or missing, is followed; a pipe or a file outside the root never is.
  if (!read || read.problem === 'not-found') dependOn(r, target);
  if (!source.ok) {
    if (read?.problem === 'not-found') {
      report(r, from, 'authority/not-found',
        bi(`ไม่พบไฟล์ข้อมูลหน่วยงาน ${ref} (${target})`, `authority file ${ref} not found (${target})`),
        bi('ตำแหน่งไฟล์นับจากโฟลเดอร์ของไฟล์ที่เขียนบรรทัดนี้ ตรวจชื่อไฟล์และโฟลเดอร์ หรือสร้างไฟล์ด้วย ita-report init',
          "the path is relative to this file's folder; check the name and folder, or create the file with ita-report init"));
    } else if (read) {
      reportUnreadable(r, from, ref, read, bi('ไฟล์ข้อมูลหน่วยงานมีเพียงไม่กี่บรรทัด ตรวจว่าระบุไฟล์ถูกต้อง', 'an authority file is a few lines long: check that the right file is named'));
    } else {
      // An encoding problem of the authority file itself: reported in that file.
      r.diagnostics.push(source.diagnostic);
    }
    return undefined;
  }
  const parsed = parseYaml(target, source.text);
  r.diagnostics.push(...parsed.diagnostics);
  const loaded = parsed.loaded;
  if (!loaded) return undefined;
  if (!isAuthorityFile(loaded.data)) {
    const kind = isMapping(loaded.data) && loaded.data.kind !== undefined ? String(loaded.data.kind) : undefined;
    report(r, from, 'authority/not-authority-file',
      bi(`${ref} ไม่ใช่ไฟล์ข้อมูลหน่วยงาน${kind ? ` (เป็นเอกสารชนิด ${kind})` : ''}`, `${ref} is not an authority file${kind ? ` (it is a ${kind} document)` : ''}`),
      bi('ไฟล์ข้อมูลหน่วยงานขึ้นต้นด้วยบรรทัด kind: authority ตรวจว่าระบุไฟล์ถูกต้อง', 'an authority file starts with the line kind: authority; check that the right file is named'));
    return undefined;
  }
  return fieldsOf(r, loaded, [...chain, target]);
}

/** The fields of a loaded authority file, its `extends:` chain merged under them. */
async function fieldsOf(r: Resolution, file: LoadedYaml, chain: string[]): Promise<Fields | undefined> {
  const own = r.validator.validate(AUTHORITY_SCHEMA, file);
  r.diagnostics.push(...own);
  if (hasErrors(own)) return undefined;
  const data = { ...(file.data as Fields) };
  let inherited: Fields = {};
  if (typeof data.extends === 'string') {
    const parent = await follow(r, data.extends, { doc: file, path: ['extends'] }, chain);
    if (!parent) return undefined;
    inherited = parent;
  }
  delete data.kind;
  delete data.extends;
  if (typeof data.logo === 'string') {
    const logo = await embedLogo(r, data.logo, { doc: file, path: ['logo'] });
    if (!logo) return undefined;
    data.logo = logo;
  }
  return { ...inherited, ...data };
}

/**
 * A logo (a file relative to the file that names it, or a data: URL) → a data: URL of the
 * image its bytes say it is, so the page can show it whatever folder the authority file is in.
 */
async function embedLogo(r: Resolution, logo: string, at: Place): Promise<string | undefined> {
  let bytes: Buffer | undefined;
  if (logo.startsWith('data:')) {
    bytes = dataUrlBytes(logo);
  } else {
    const target = resolve(dirname(resolve(at.doc.file)), logo);
    const read = await readLimited(target, LIMITS.imageBytes, r.root);
    if (!read.ok && read.problem !== 'not-found') {
      reportUnreadable(r, at, logo, read, IMAGE_SIZE_HINT);
      return undefined;
    }
    dependOn(r, target);
    if (!read.ok) {
      report(r, at, 'authority/logo-not-found',
        bi(`ไม่พบไฟล์ตราสัญลักษณ์ ${logo} (${target})`, `logo file ${logo} not found (${target})`),
        bi('ตำแหน่งไฟล์นับจากโฟลเดอร์ของไฟล์ที่เขียนบรรทัดนี้ ตรวจชื่อไฟล์ หรือลบบรรทัด logo: ถ้าไม่มีตราสัญลักษณ์',
          "the path is relative to this file's folder; check the name, or delete the logo: line if there is no logo"));
      return undefined;
    }
    bytes = read.bytes;
  }
  if (bytes && bytes.length > LIMITS.imageBytes) {
    report(r, at, 'file/too-large',
      bi(`ตราสัญลักษณ์ใหญ่เกินไป: ${megabytes(bytes.length)} (ขีดจำกัด ${megabytes(LIMITS.imageBytes)})`, `the logo is too large: ${megabytes(bytes.length)} (the limit is ${megabytes(LIMITS.imageBytes)})`),
      IMAGE_SIZE_HINT);
    return undefined;
  }
  const type = bytes && imageTypeOf(bytes);
  if (!bytes || !type) {
    report(r, at, 'authority/logo-not-image',
      bi(`ตราสัญลักษณ์ "${logo.length > 60 ? `${logo.slice(0, 60)}…` : logo}" ไม่ใช่รูปภาพ PNG, JPEG, SVG, GIF หรือ WebP (ตรวจจากเนื้อไฟล์ ไม่ใช่ชื่อไฟล์)`,
        `the logo "${logo.length > 60 ? `${logo.slice(0, 60)}…` : logo}" is not a PNG, JPEG, SVG, GIF or WebP image (judged by its content, not its name)`),
      bi('บันทึกตราสัญลักษณ์เป็นรูป .png (เช่น จากโปรแกรมดูรูป: บันทึกเป็น PNG) แล้วเขียนชื่อไฟล์นั้น', 'save the logo as a PNG image (an image viewer can "Save as PNG") and name that file'));
    return undefined;
  }
  return `data:${type};base64,${bytes.toString('base64')}`;
}
