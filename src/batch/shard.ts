/**
 * `--shard K/N`: which of N CI runners builds a document. The choice depends on the
 * document's own path below the input root and on N, never on the other documents, so
 * adding or removing a document moves no other one between shards (each shard's cache
 * stays valid), and raising N from 8 to 9 moves only the ninth of documents that the
 * new shard takes over (jump consistent hashing, Lamping & Veach 2014,
 * https://arxiv.org/abs/1406.2294).
 */
import { createHash } from 'node:crypto';
import { sep } from 'node:path';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(value: string): ShardSpec | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

const MASK64 = (1n << 64n) - 1n;

/** Jump consistent hash: a 64-bit key → a bucket in [0, buckets). */
function jumpBucket(key: bigint, buckets: number): number {
  let bucket = -1;
  let next = 0;
  while (next < buckets) {
    bucket = next;
    key = (key * 2862933555777941757n + 1n) & MASK64;
    next = Math.floor((bucket + 1) * (2 ** 31 / (Number(key >> 33n) + 1)));
  }
  return bucket;
}

/**
 * The shard (1-based) of a path relative to the input root. Separators are normalised,
 * so Windows and Linux runners agree.
 */
export function shardOf(relativePath: string, count: number): number {
  const normalised = relativePath.split(sep).join('/');
  const key = createHash('sha256').update(normalised).digest().readBigUInt64BE(0);
  return jumpBucket(key, count) + 1;
}

/** The items of shard `s`, in their order; `relativePath` names each by its path below the input root. */
export function shard<T>(items: T[], s: ShardSpec, relativePath: (item: T) => string): T[] {
  return items.filter((item) => shardOf(relativePath(item), s.count) === s.index);
}
