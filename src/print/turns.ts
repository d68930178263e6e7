/**
 * Turns in Chromium, by weight: documents go in while the weights of those inside stay within
 * the capacity, and one heavier than the capacity goes in alone (see Printer.turnFor for the
 * weights). First come, first served: a document waits for those before it, so a heavy one is
 * never starved by a stream of light ones.
 */
export class Turns {
  private inside = 0;
  private count = 0;
  private readonly waiting: { weight: number; start: () => void }[] = [];

  constructor(private readonly capacity: number) {}

  /** Resolves when this document may go in, to the function that lets the next ones in. */
  take(weight: number): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push({ weight, start: () => resolve(this.leave(weight)) });
      this.admit();
    });
  }

  private admit(): void {
    for (let next = this.waiting[0]; next; next = this.waiting[0]) {
      if (this.count > 0 && this.inside + next.weight > this.capacity) return;
      this.waiting.shift();
      this.inside += next.weight;
      this.count += 1;
      next.start();
    }
  }

  private leave(weight: number): () => void {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inside -= weight;
      this.count -= 1;
      this.admit();
    };
  }
}
