/**
 * Turns in Chromium: documents share the browser, except one that needs it to itself (a long
 * one: see Printer.turnFor). First come, first served: a document that needs the browser to
 * itself waits for those in it to finish, and those that come after it wait for it, so it is
 * never starved by a stream of short ones.
 */
export class Turns {
  private sharing = 0;
  private alone = false;
  private readonly waiting: { alone: boolean; start: () => void }[] = [];

  /** Resolves when this document may go in, to the function that lets the next ones in. */
  take(alone: boolean): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push({ alone, start: () => resolve(this.leave(alone)) });
      this.admit();
    });
  }

  private admit(): void {
    for (let next = this.waiting[0]; next; next = this.waiting[0]) {
      if (this.alone || (next.alone && this.sharing > 0)) return;
      this.waiting.shift();
      if (next.alone) this.alone = true;
      else this.sharing += 1;
      next.start();
    }
  }

  private leave(alone: boolean): () => void {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (alone) this.alone = false;
      else this.sharing -= 1;
      this.admit();
    };
  }
}
