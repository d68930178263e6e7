/**
 * A full garbage collection, on demand. V8 collects when its heap reaches a limit that it
 * raises as the heap grows, not when memory would be best given back: a batch of long plans
 * took Node to 250 MB, of which about 100 MB was garbage of documents already written
 * (collecting every 200 ms kept it at 152 MB). The printer calls this after each document;
 * it collects only when the heap holds more than `above` bytes, which after a short document
 * it seldom does (a full collection of a heap that size takes 20–40 ms).
 *
 * Node exposes `gc` only with --expose-gc, which a command installed by npm cannot put on
 * its command line (the Windows shims drop it): the flag is set at run time and the
 * function taken from a fresh context, as Jest's leak detector does.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

export function collectGarbage(above = 0): void {
  if (getHeapStatistics().used_heap_size <= above) return;
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const found: unknown = runInNewContext('typeof gc === "function" ? gc : null');
      gc = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
