/**
 * Turns in Chromium (src/print/turns.ts): documents share the browser, a long one has it to
 * itself, first come first served. Driven by hand: each document takes its turn and the test
 * says when it leaves.
 */
import { describe, expect, it } from 'vitest';
import { Turns } from '../../src/print/turns.js';

/** Lets every promise callback that is ready run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function track(turns: Turns, name: string, alone: boolean, inside: Set<string>, log: string[]) {
  let leave: (() => void) | undefined;
  void turns.take(alone).then((l) => {
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
  it('lets short documents share, and a long one in only when they have left, alone', async () => {
    const turns = new Turns();
    const inside = new Set<string>();
    const log: string[] = [];
    const a = track(turns, 'a', false, inside, log);
    const b = track(turns, 'b', false, inside, log);
    const long = track(turns, 'long', true, inside, log);
    const c = track(turns, 'c', false, inside, log);
    await settle();
    expect(log).toEqual(['a in with nobody', 'b in with a']);
    // c came after the long one: it waits too, so a stream of short documents never starves it.
    a.leave();
    await settle();
    expect(long.entered).toBe(false);
    expect(c.entered).toBe(false);
    b.leave();
    await settle();
    expect(log.at(-1)).toBe('long in with nobody');
    expect(c.entered).toBe(false);
    long.leave();
    await settle();
    expect(log.at(-1)).toBe('c in with nobody');
    c.leave();
  });

  it('gives two long documents one turn each', async () => {
    const turns = new Turns();
    const inside = new Set<string>();
    const log: string[] = [];
    const first = track(turns, 'first', true, inside, log);
    const second = track(turns, 'second', true, inside, log);
    await settle();
    expect(log).toEqual(['first in with nobody']);
    first.leave();
    await settle();
    expect(log).toEqual(['first in with nobody', 'second in with nobody']);
    second.leave();
  });

  it('counts a document that leaves twice once', async () => {
    const turns = new Turns();
    const leave = await turns.take(false);
    leave();
    leave();
    const inside = new Set<string>();
    const log: string[] = [];
    const short = track(turns, 'short', false, inside, log);
    const long = track(turns, 'long', true, inside, log);
    await settle();
    // Counted twice, the first would have left the browser looking empty with "short" in it.
    expect(log).toEqual(['short in with nobody']);
    expect(long.entered).toBe(false);
    short.leave();
    await settle();
    expect(log.at(-1)).toBe('long in with nobody');
    long.leave();
  });
});
