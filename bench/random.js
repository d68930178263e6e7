// A seeded pseudo-random sequence (mulberry32), shared by the benchmarks' corpora and the
// tests that generate inputs: the same seed gives the same documents on every machine, so a
// figure or a failure can be reproduced.

/**
 * Numbers in [0, 1) from `seed`.
 * @param {number} seed
 * @returns {() => number}
 */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
