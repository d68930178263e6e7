/**
 * Turns in Chromium (src/print/turns.ts): documents go in while their weights fit the
 * capacity, one heavier than the capacity goes in alone, first come first served. Driven by
 * hand: each document takes its turn and the test says when it leaves.
 */
import { describe, expect, it } from 'vitest';
import { Turns } from '../../src/print/turns.js';

/** Lets every promise callback that is ready run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A document that takes its turn at once and records who was inside when it went in. */
function arrive(turns: Turns, name: string, weight: number, inside: Set<string>, log: string[]) {
  let leave: (() => void) | undefined;
  void turns.take(weight).then((l) => {
    inside.add(name);
    log.push(`${name} in with ${[...inside].filter((n) => n !== name).join(',') || 'nobody'}`);
    leave = () => {
      inside.delete(name);
      l();
    };
  });
  return { leave: () => leave!(), get entered() { return leave !== undefined; } };
}

describe('turns in the browser', () => {
  it('lets documents in while their weights fit, and a heavier one only when the browser is empty', async () => {
    const turns = new Turns(10);
    const inside = new Set<string>();
    const log: string[] = [];
    const a = arrive(turns, 'a', 4, inside, log);
    const b = arrive(turns, 'b', 5, inside, log);
    const plan = arrive(turns, 'plan', 12, inside, log);
    const c = arrive(turns, 'c', 1, inside, log);
    await settle();
    expect(log).toEqual(['a in with nobody', 'b in with a']);
    // c would fit (4 + 5 + 1), but it came after the plan: it waits too, so a stream of light
    // documents never starves a heavy one.
    a.leave();
    await settle();
    expect([plan.entered, c.entered]).toEqual([false, false]);
    b.leave();
    await settle();
    expect(log.at(-1)).toBe('plan in with nobody');
    expect(c.entered).toBe(false);
    plan.leave();
    await settle();
    expect(log.at(-1)).toBe('c in with nobody');
    c.leave();
  });

  it('lets a document in beside another when both fit, and not when they do not', async () => {
    const turns = new Turns(10);
    const inside = new Set<string>();
    const log: string[] = [];
    const medium = arrive(turns, 'medium', 6, inside, log);
    const short = arrive(turns, 'short', 4, inside, log);
    const other = arrive(turns, 'other', 6, inside, log);
    await settle();
    expect(log).toEqual(['medium in with nobody', 'short in with medium']);
    medium.leave();
    await settle();
    expect(log.at(-1)).toBe('other in with short');
    short.leave();
    other.leave();
  });

  it('counts a document that leaves twice once', async () => {
    const turns = new Turns(10);
    const leave = await turns.take(8);
    leave();
    leave();
    const inside = new Set<string>();
    const log: string[] = [];
    const first = arrive(turns, 'first', 8, inside, log);
    const second = arrive(turns, 'second', 8, inside, log);
    await settle();
    // Counted twice, the first leave would have made room for both.
    expect(log).toEqual(['first in with nobody']);
    expect(second.entered).toBe(false);
    first.leave();
    await settle();
    expect(log.at(-1)).toBe('second in with nobody');
    second.leave();
  });
});
