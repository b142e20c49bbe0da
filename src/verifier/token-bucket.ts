/** Injected clock and sleep, so pacing is testable without real waiting. */
export interface PaceClock {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What the governor shows of one limit in `toolkit.limits()`. */
export interface BucketView {
  limit?: number;
  /** Our estimate of what is left now (the server's last figure minus calls still in flight, plus refill). */
  remaining?: number;
  /** When the server said the bucket is full again (RFC 3339). */
  reset?: string;
  /** Refill pace we infer from the headers, per minute. */
  refill_per_minute?: number;
  paused_until?: string;
  in_flight: number;
}

/** Trust a little less refill than the headers suggest: they are rounded, and our clock reads them late. */
const RATE_SAFETY = 0.98;

/**
 * A client-side mirror of one server rate limit (one key kind, one limit kind), learned from
 * `anthropic-ratelimit-*` headers. Callers take their cost in strict arrival order; when the
 * estimate says the server's bucket is empty, the head of the line sleeps until refill.
 * Before any header has been seen the bucket admits everything (the concurrency cap bounds the
 * first burst).
 */
export class PacedBucket {
  private limit?: number;
  private level = 0;
  private at = 0;
  private ratePerMs?: number;
  /** Deficit of the observation the rate came from: a larger deficit gives a finer estimate. */
  private rateDeficit = 0;
  private resetMs?: number;
  private pausedUntil = 0;
  private inFlight = 0;
  private inFlightCost = 0;
  private line: Promise<void> = Promise.resolve();

  constructor(private readonly clock: PaceClock) {}

  /** Waits for this caller's turn and for `cost` units, then takes them. */
  acquire(cost: number, signal?: AbortSignal): Promise<void> {
    const turn = this.line.then(() => this.waitAndTake(cost, signal));
    this.line = turn.catch(() => undefined);
    return turn;
  }

  /** Gives back the in-flight share of a call that ended without a usable header. */
  release(cost: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.inFlightCost = Math.max(0, this.inFlightCost - cost);
  }

  /**
   * Takes the server's view from one answer's headers (`limit`, `remaining`, `reset`) and ends
   * that call's in-flight share. Calls still in flight are assumed not yet counted by the server.
   */
  observe(limit: number, remaining: number, resetMs: number | undefined, ownCost: number, sentAt?: number): void {
    const now = this.clock.now();
    // The server counted this call somewhere between sending and now; measuring the refill window
    // from the send time can only underestimate the rate, never admit more than the server will.
    const from = sentAt !== undefined && sentAt < now ? sentAt : now;
    this.release(ownCost);
    if (this.limit !== limit) {
      this.ratePerMs = undefined;
      this.rateDeficit = 0;
    }
    this.limit = limit;
    this.resetMs = resetMs;
    const deficit = limit - remaining;
    if (resetMs !== undefined && resetMs > now && deficit > 1 && deficit >= this.rateDeficit) {
      // `remaining` is rounded down, so the true deficit may be up to one unit smaller.
      this.ratePerMs = (RATE_SAFETY * (deficit - 1)) / (resetMs - from);
      this.rateDeficit = deficit;
    }
    this.level = remaining - this.inFlightCost;
    this.at = now;
  }

  /** Stops everyone in this bucket's line until `untilMs` (a 429 with retry-after). */
  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
    // The server refused: our refill estimate was too generous, or the limit changed.
    if (this.ratePerMs !== undefined) this.ratePerMs *= 0.9;
    this.level = Math.min(this.level, 0);
    this.at = Math.max(this.at, this.clock.now());
  }

  /** A snapshot for `toolkit.limits()`. */
  view(): BucketView {
    const now = this.clock.now();
    const v: BucketView = { in_flight: this.inFlight };
    if (this.limit !== undefined) {
      v.limit = this.limit;
      v.remaining = Math.floor(this.available(now));
    }
    if (this.resetMs !== undefined) v.reset = new Date(this.resetMs).toISOString();
    if (this.ratePerMs !== undefined) v.refill_per_minute = Math.round(this.ratePerMs * 60_000 * 100) / 100;
    if (this.pausedUntil > now) v.paused_until = new Date(this.pausedUntil).toISOString();
    return v;
  }

  private available(now: number): number {
    if (this.limit === undefined) return Number.POSITIVE_INFINITY;
    let refill = 0;
    if (this.ratePerMs !== undefined) refill = Math.max(0, now - this.at) * this.ratePerMs;
    else if (this.resetMs !== undefined && now >= this.resetMs) refill = this.limit; // full again by the server's word
    return Math.min(this.limit, this.level + refill);
  }

  private async waitAndTake(cost: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (this.pausedUntil > now) {
        await this.clock.sleep(this.pausedUntil - now, signal);
        continue;
      }
      if (this.limit === undefined || cost <= 0) break;
      // A call larger than the whole bucket could never fit; let it go when the bucket is full.
      const need = Math.min(cost, this.limit);
      const avail = this.available(now);
      if (avail >= need) {
        this.level = avail - need;
        this.at = now;
        break;
      }
      let waitMs: number;
      if (this.ratePerMs) waitMs = (need - avail) / this.ratePerMs;
      else if (this.resetMs !== undefined && this.resetMs > now) waitMs = this.resetMs - now;
      else waitMs = 1_000;
      await this.clock.sleep(Math.max(1, Math.ceil(waitMs)), signal);
    }
    this.inFlight++;
    this.inFlightCost += Math.max(0, cost);
  }
}
