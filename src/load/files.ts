/**
 * Every file a document makes the tool read (the document, its `authority:` and `extends:`
 * files, logos, linked documents, images the page loads) is read here, so that no YAML can
 * make a run hang, eat the machine's memory or publish a file from elsewhere:
 *
 * - it must resolve inside the document's root folder (symbolic links resolved first), as
 *   Typst's `--root`: `--root DIR` when given, else the current folder when the document lies
 *   inside it, else the document's own folder;
 * - it is opened without blocking (a named pipe with no writer would otherwise wait forever,
 *   also one swapped in after a check) and the open descriptor must be a regular file, not a
 *   folder, a pipe or a device such as /dev/zero;
 * - its size is checked before reading, and reading stops at the limit whatever the size said.
 */
import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { bi, type Bilingual } from '../diagnostics.js';
import { megabytes } from './limits.js';

export type ReadFailure =
  | { problem: 'not-found' }
  | { problem: 'not-a-file'; what: 'folder' | 'pipe' | 'device' | 'socket' | 'other' }
  | { problem: 'too-large'; size: number; limit: number }
  | { problem: 'outside-root'; root: string; real: string }
  | { problem: 'unreadable'; code: string };

export type FailedRead = { ok: false; path: string } & ReadFailure;
export type FileRead = { ok: true; path: string; bytes: Buffer } | FailedRead;

/** O_NONBLOCK and O_NOCTTY do not exist on Windows, which has no named pipes in the file system. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The real path (links resolved) of a file that may not exist yet: its nearest existing folder's, plus the rest. */
export async function realPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(await realPath(parent), basename(path));
  }
}

/**
 * The folder a document may read from: `given` (--root) when there is one, else the current
 * folder when the document lies inside it (`authority: ../authority.yaml` run from the
 * documents' folder), else the document's own folder.
 */
export async function documentRoot(file: string, given?: string): Promise<string> {
  if (given !== undefined) return resolve(given);
  const cwd = process.cwd();
  return isInside(await realPath(resolve(file)), await realPath(cwd)) ? cwd : dirname(resolve(file));
}

function whatIs(info: Stats): Extract<ReadFailure, { problem: 'not-a-file' }>['what'] {
  if (info.isDirectory()) return 'folder';
  if (info.isFIFO()) return 'pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  if (info.isSocket()) return 'socket';
  return 'other';
}

async function readOpen(handle: FileHandle, path: string, limit: number): Promise<FileRead> {
  const info = await handle.stat();
  if (!info.isFile()) return { ok: false, path, problem: 'not-a-file', what: whatIs(info) };
  if (info.size > limit) return { ok: false, path, problem: 'too-large', size: info.size, limit };
  // At most limit + 1 bytes are ever held: a file that grows while it is read stays bounded.
  let buffer = Buffer.alloc(info.size + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) return { ok: false, path, problem: 'too-large', size: length, limit };
      const bigger = Buffer.alloc(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(bigger);
      buffer = bigger;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return { ok: true, path, bytes: buffer.subarray(0, length) };
}

/** A regular file of at most `limit` bytes, inside `root` when one is given. Never throws, never waits on a pipe. */
export async function readLimited(path: string, limit: number, root?: string): Promise<FileRead> {
  const target = resolve(path);
  let real = target;
  if (root !== undefined) {
    real = await realPath(target);
    if (!isInside(real, await realPath(resolve(root)))) return { ok: false, path: target, problem: 'outside-root', root: resolve(root), real };
  }
  let handle: FileHandle;
  try {
    handle = await open(real, OPEN_FLAGS);
  } catch (err) {
    return failed(target, err);
  }
  try {
    return await readOpen(handle, target, limit);
  } catch (err) {
    return failed(target, err);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function failed(path: string, err: unknown): FileRead {
  const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, path, problem: 'not-found' };
  // Windows refuses to open a folder (Linux opens it, and fstat tells).
  if (code === 'EISDIR') return { ok: false, path, problem: 'not-a-file', what: 'folder' };
  return { ok: false, path, problem: 'unreadable', code };
}

/**
 * The first `head` and last `tail` bytes of a regular file (empty for anything else, never
 * waiting on a pipe): enough to tell what a file is without reading all of it.
 */
export async function readEnds(path: string, head: number, tail = 0): Promise<Buffer> {
  const handle = await open(path, OPEN_FLAGS).catch(() => undefined);
  if (!handle) return Buffer.alloc(0);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return Buffer.alloc(0);
    const first = Buffer.alloc(Math.min(head, info.size));
    const last = Buffer.alloc(Math.min(tail, info.size - first.length));
    await handle.read(first, 0, first.length, 0);
    await handle.read(last, 0, last.length, info.size - last.length);
    return Buffer.concat([first, last]);
  } catch {
    return Buffer.alloc(0);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The SHA-256 (hex) of a regular file, read in chunks so that its size does not matter;
 * undefined when it is missing or not a regular file (never waiting on a pipe). For
 * telling whether a file changed since the last build (the cache, --watch).
 */
export async function hashRegularFile(path: string): Promise<string | undefined> {
  const handle = await open(path, OPEN_FLAGS).catch(() => undefined);
  if (!handle) return undefined;
  try {
    if (!(await handle.stat()).isFile()) return undefined;
    const hash = createHash('sha256');
    const chunk = Buffer.alloc(1024 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return hash.digest('hex');
      hash.update(chunk.subarray(0, bytesRead));
    }
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The smallest folder holding both the root and `real`: what --root must name to allow it. */
function widerRoot(root: string, real: string): string {
  let dir = root;
  while (!isInside(real, dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const WHAT: Record<Extract<ReadFailure, { problem: 'not-a-file' }>['what'], Bilingual> = {
  folder: bi('เป็นโฟลเดอร์', 'is a folder'),
  pipe: bi('เป็นท่อส่งข้อมูล (named pipe/FIFO)', 'is a named pipe (FIFO)'),
  device: bi('เป็นอุปกรณ์ (device)', 'is a device'),
  socket: bi('เป็นซ็อกเก็ต (socket)', 'is a socket'),
  other: bi('เป็นสิ่งพิเศษในระบบไฟล์', 'is a special file'),
};

/**
 * Message and fix for a file that could not be read, other than a missing one (whose
 * message depends on what names it). `ref` is the file as written; `sizeHint` says how to
 * make a too-large file smaller.
 */
export function describeReadFailure(f: Exclude<ReadFailure, { problem: 'not-found' }>, ref: string, sizeHint: Bilingual): { code: string; message: Bilingual; hint: Bilingual } {
  switch (f.problem) {
    case 'not-a-file':
      return {
        code: 'file/not-a-file',
        message: bi(`${ref} ${WHAT[f.what].th} ไม่ใช่ไฟล์ธรรมดา จึงไม่อ่าน`, `${ref} ${WHAT[f.what].en}, not a regular file: not read`),
        hint: bi('ระบุไฟล์ที่บันทึกไว้ในเครื่อง', 'name a file saved on disk'),
      };
    case 'too-large':
      return {
        code: 'file/too-large',
        message: bi(`${ref} ใหญ่เกินไป: ${megabytes(f.size)} (ขีดจำกัด ${megabytes(f.limit)})`, `${ref} is too large: ${megabytes(f.size)} (the limit is ${megabytes(f.limit)})`),
        hint: sizeHint,
      };
    case 'outside-root': {
      const via = f.real !== resolve(f.root, ref) && !isAbsolute(ref) ? bi(` (ลิงก์ไปที่ ${f.real})`, ` (a link to ${f.real})`) : bi('', '');
      const wider = widerRoot(f.root, f.real);
      return {
        code: 'file/outside-root',
        message: bi(`${ref}${via.th} อยู่นอกโฟลเดอร์ที่เอกสารอ่านได้ (${f.root})`, `${ref}${via.en} is outside the folder documents may read from (${f.root})`),
        hint: bi(`ย้ายไฟล์เข้าไปไว้ใน ${f.root} หรือสั่งด้วย --root ${wider} เพื่อขยายขอบเขต`, `move the file into ${f.root}, or widen it with --root ${wider}`),
      };
    }
    case 'unreadable':
      return {
        code: 'file/unreadable',
        message: bi(`อ่าน ${ref} ไม่ได้ (${f.code})`, `cannot read ${ref} (${f.code})`),
        hint: bi('ตรวจสิทธิ์การอ่านไฟล์', "check the file's read permission"),
      };
  }
}
