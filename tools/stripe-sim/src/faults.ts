// Fault injection for tests: the next API requests fail or are slowed down, so clients' retries
// and idempotency can be exercised against the real SDK.
//
// A fault at stage `before` answers without executing (nothing charged, key left free); at stage
// `after` the request executes and its result is kept for the idempotency key, but the client sees
// the fault — Stripe's "unknown outcome". Status `network` drops the connection instead of answering.
import { setTimeout as sleep } from 'node:timers/promises';

export type FaultStage = 'before' | 'after';
export type FaultStatus = number | 'network';

export interface Fault {
  status: FaultStatus;
  stage: FaultStage;
}

export interface FailNextOptions {
  count: number;
  status?: FaultStatus;
  stage?: FaultStage;
}

/** At most this many faults, and as many delays, wait at once: a count is a test's, never a flood. */
export const MAX_QUEUED = 1000;
/** The longest delay one request can be given. */
export const MAX_DELAY_MS = 120_000;

export class FaultPlan {
  private readonly faults: Fault[] = [];
  private readonly delays: number[] = [];
  private abort = new AbortController();

  constructor(private readonly defaultDelayMs = 0) {}

  failNext(count: number, status: FaultStatus = 500, stage: FaultStage = 'before'): void {
    checkCount(count, this.faults.length);
    if (status !== 'network' && (!Number.isInteger(status) || status < 400 || status > 599)) {
      throw new RangeError(`failNext status must be 400–599 or 'network', got ${status}`);
    }
    for (let i = 0; i < count; i++) this.faults.push({ status, stage });
  }

  delayNext(count: number, ms: number): void {
    checkCount(count, this.delays.length);
    if (!(ms >= 0 && ms <= MAX_DELAY_MS)) throw new RangeError(`delay must be 0–${MAX_DELAY_MS} ms, got ${ms}`);
    for (let i = 0; i < count; i++) this.delays.push(ms);
  }

  /** The fault for the request that just arrived, if one is queued. */
  takeFault(): Fault | undefined {
    return this.faults.shift();
  }

  /** Waits as long as the next queued delay (or the default); resolves early when stopped. */
  async takeDelay(): Promise<void> {
    const ms = this.delays.shift() ?? this.defaultDelayMs;
    if (ms <= 0) return;
    await sleep(ms, undefined, { signal: this.abort.signal }).catch(() => undefined);
  }

  clear(): void {
    this.faults.length = 0;
    this.delays.length = 0;
  }

  /** Cancels pending delays; a fresh controller lets the simulator start again afterwards. */
  stop(): void {
    this.clear();
    this.abort.abort();
    this.abort = new AbortController();
  }
}

function checkCount(count: number, queued: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (queued + count > MAX_QUEUED) throw new RangeError(`count must keep at most ${MAX_QUEUED} queued (${queued} already), got ${count}`);
}
