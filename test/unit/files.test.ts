/**
 * load/files.ts, the one reader of files a document names: regular files only, sizes
 * bounded, never waiting on a pipe, inside the root; hashes of files of any size.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { documentRoot, hashRegularFile, readEnds, readLimited } from '../../src/load/files.js';
import { ROOT, tempDir } from '../helpers.js';

describe('readLimited', () => {
  it('reads a file of exactly the limit, and refuses one byte more before reading it', async () => {
    const dir = tempDir('files-');
    writeFileSync(join(dir, 'ten.txt'), '0123456789');
    const ok = await readLimited(join(dir, 'ten.txt'), 10);
    expect(ok.ok && ok.bytes.toString()).toBe('0123456789');
    writeFileSync(join(dir, 'eleven.txt'), '0123456789A');
    expect(await readLimited(join(dir, 'eleven.txt'), 10)).toMatchObject({ ok: false, problem: 'too-large', size: 11, limit: 10 });
  });

  it('stops at the limit whatever the size says (a /proc file says 0)', async () => {
    const read = await readLimited('/proc/self/status', 16);
    expect(read).toMatchObject({ ok: false, problem: 'too-large', size: 17, limit: 16 });
  });

  it('tells a pipe, a device, a folder, a missing file and a circle of links apart, never throwing', async () => {
    const dir = tempDir('files-');
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    expect(await readLimited(join(dir, 'pipe'), 100)).toMatchObject({ ok: false, problem: 'not-a-file', what: 'pipe' });
    expect(await readLimited('/dev/zero', 100)).toMatchObject({ ok: false, problem: 'not-a-file', what: 'device' });
    expect(await readLimited(dir, 100)).toMatchObject({ ok: false, problem: 'not-a-file', what: 'folder' });
    expect(await readLimited(join(dir, 'none'), 100)).toMatchObject({ ok: false, problem: 'not-found' });
    expect(await readLimited(join(dir, 'loop-a'), 100)).toMatchObject({ ok: false, problem: 'unreadable', code: 'ELOOP' });
    expect(await readEnds(join(dir, 'pipe'), 100)).toHaveLength(0);
  });

  it('keeps to the root, links resolved, also for a file that does not exist yet', async () => {
    const root = tempDir('files-');
    const outside = tempDir('files-');
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    mkdirSync(join(root, 'docs'));
    symlinkSync(outside, join(root, 'docs', 'away'));
    expect(await readLimited(join(root, 'docs', 'away', 'secret.txt'), 100, root)).toMatchObject({ ok: false, problem: 'outside-root', root, real: join(outside, 'secret.txt') });
    expect(await readLimited(join(root, 'docs', 'away', 'missing.txt'), 100, root)).toMatchObject({ ok: false, problem: 'outside-root' });
    writeFileSync(join(root, 'docs', 'here.txt'), 'here');
    expect((await readLimited(join(root, 'docs', '..', 'docs', 'here.txt'), 100, root)).ok).toBe(true);
  });
});

describe('hashRegularFile', () => {
  it('hashes a file larger than any read limit in bounded memory, and nothing that is not a file', async () => {
    const dir = tempDir('files-');
    const big = join(dir, 'big.pdf');
    writeFileSync(big, '');
    truncateSync(big, 12 * 1024 * 1024);
    expect(await hashRegularFile(big)).toBe(createHash('sha256').update(Buffer.alloc(12 * 1024 * 1024)).digest('hex'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    expect(await hashRegularFile(join(dir, 'pipe'))).toBeUndefined();
    expect(await hashRegularFile(join(dir, 'none'))).toBeUndefined();
  });
});

describe('documentRoot', () => {
  it('is --root when given, the current folder when the document is inside it, else the document\'s folder', async () => {
    expect(await documentRoot(join(ROOT, 'examples/lampang-pao/plan-2566-2570.yaml'), '/somewhere')).toBe('/somewhere');
    expect(await documentRoot(join(process.cwd(), 'examples/lampang-pao/plan-2566-2570.yaml'))).toBe(process.cwd());
    const elsewhere = join(tempDir('files-'), 'plan.yaml');
    expect(await documentRoot(elsewhere)).toBe(dirname(elsewhere));
  });
});
