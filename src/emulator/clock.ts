/** The emulator's clock: real time plus an offset a test can move (invite expiry, report buckets). */
export class EmulatorClock {
  private offsetMs = 0;
  private fixedMs: number | undefined;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return (this.fixedMs ?? this.base()) + this.offsetMs;
  }

  /** RFC 3339 with microseconds, as the API writes timestamps. */
  iso(ms: number = this.now()): string {
    return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Freezes the clock at an instant (or unfreezes with undefined). */
  set(ms: number | undefined): void {
    this.fixedMs = ms;
    this.offsetMs = 0;
  }
}
