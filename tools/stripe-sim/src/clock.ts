// The simulator's clock: the real one plus an offset a test can move forward, so what depends on
// time at Stripe (`created`, the 24-hour idempotency window) can be exercised without waiting a
// day. It only moves forward, as time does; a reset puts it back on the real clock.

export class SimClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number) {}

  /** Milliseconds since the epoch, as the simulator sees them. */
  readonly now = (): number => this.base() + this.offsetMs;

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the clock moves forward only: advance by ≥ 0 ms, got ${ms}`);
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
