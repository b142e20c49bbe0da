/**
 * A concurrency cap with a first-in, first-out wait line: at most `limit` holders at once, and
 * waiters are served strictly in arrival order so no caller starves behind later ones.
 */
export class FairQueue {
  private active = 0;
  private readonly waiters: Array<{ grant: () => void }> = [];

  constructor(readonly limit: number) {}

  /** Holders now, and callers waiting for a turn. */
  get size(): { active: number; queued: number } {
    return { active: this.active, queued: this.waiters.length };
  }

  /**
   * Waits for a turn and returns the function that gives it back (call it exactly once).
   * An abort while waiting leaves the line without taking a turn.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.limit && this.waiters.length === 0) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          this.active++;
          resolve(this.releaser());
        },
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active--;
      const next = this.waiters.shift();
      next?.grant();
    };
  }
}
