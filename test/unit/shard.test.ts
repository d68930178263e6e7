/** --shard K/N: a document's shard depends on its own path only, so shards stay put as documents come and go. */
import { describe, expect, it } from 'vitest';
import { parseShard, shard, shardOf } from '../../src/batch/shard.js';

/** Paths like a national tree: 2568/<authority>/<document>.pdf */
const paths = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `2568/authority-${from + i}/${['plan-2566-2570', 'measures-2568', 'results-2568'][(from + i) % 3]}.pdf`);

describe('parseShard', () => {
  it('accepts K/N with 1 ≤ K ≤ N and nothing else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '1', '1/4/2', 'a/b', ' 1/4']) expect(parseShard(bad), bad).toBeUndefined();
  });
});

describe('shard', () => {
  const all = paths(0, 3000);

  it('splits the documents into disjoint shards that cover them all, of similar sizes', () => {
    const parts = [1, 2, 3, 4].map((index) => shard(all, { index, count: 4 }, (p) => p));
    expect(parts.flat().sort()).toEqual([...all].sort());
    for (const part of parts) {
      expect(part.length).toBeGreaterThan(750 * 0.85);
      expect(part.length).toBeLessThan(750 * 1.15);
    }
  });

  it('moves no document when others are added or removed', () => {
    const before = new Map(all.map((p) => [p, shardOf(p, 6)]));
    const grown = [...all.slice(500), ...paths(3000, 3400)];
    for (const p of grown) if (before.has(p)) expect(shardOf(p, 6), p).toBe(before.get(p));
    // The same through shard(): the documents of shard 2 before and after, minus the removed ones, agree.
    const kept = new Set(grown);
    const old = shard(all, { index: 2, count: 6 }, (p) => p).filter((p) => kept.has(p));
    const now = shard(grown, { index: 2, count: 6 }, (p) => p).filter((p) => before.has(p));
    expect(now).toEqual(old);
  });

  it('moves only documents into the new shard when N grows by one, about 1/N of them', () => {
    const moved = all.filter((p) => shardOf(p, 8) !== shardOf(p, 9));
    for (const p of moved) expect(shardOf(p, 9)).toBe(9);
    expect(moved.length).toBeGreaterThan((all.length / 9) * 0.8);
    expect(moved.length).toBeLessThan((all.length / 9) * 1.2);
  });

  it('puts everything in shard 1 of 1', () => {
    expect(all.every((p) => shardOf(p, 1) === 1)).toBe(true);
  });
});
