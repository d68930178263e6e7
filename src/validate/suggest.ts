import { bi, type Bilingual } from '../diagnostics.js';

/** "did you mean budget?" — the nearest valid name to a typo, when it is near enough to be a typo. */
/** Edit distance where swapping two neighbours ("plna" → "plan") counts as one edit. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

export function nearest(word: string, candidates: readonly string[]): string | undefined {
  // A shortened value ("กลาง" for "ปานกลาง") is a likely slip too.
  const containing = candidates.filter((c) => word.length >= 2 && (c.includes(word) || word.includes(c)) && c !== word);
  if (containing.length === 1) return containing[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // Allow about one edit per three letters: "budjet" → budget, but "xyz" suggests nothing.
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * The fix for a document kind there is none of (`init plna`, `schema plna`, `fields plna`):
 * the nearest kind when the name looks like a typo, and every kind there is.
 */
export function kindChoices(typed: string | undefined, kinds: readonly string[]): Bilingual {
  const guess = typed === undefined ? undefined : nearest(typed, kinds);
  return bi(`${guess ? `หมายถึง ${guess} หรือไม่? ` : ''}ชนิดที่มี: ${kinds.join(', ')}`, `${guess ? `did you mean ${guess}? ` : ''}kinds: ${kinds.join(', ')}`);
}
