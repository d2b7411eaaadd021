// The scheduler port: "tell me when this order's time is up". Two adapters: BullMQ delayed jobs
// on Redis (infra mode) and durable timers in the service's own database (embedded mode).
import type { Tx } from '@ticketing/common';

/**
 * Called once an order's time is up. When the adapter claims the timer inside a transaction of
 * the service's database it passes that `tx`, and the handler's effect must commit with the claim
 * (so the timer fires exactly once); otherwise the handler opens its own transaction. Throwing
 * means "not done": the timer is kept and retried later. `dueAt`, when the adapter knows it, is
 * the time the timer was set for (the expiry lateness metric).
 */
export type OnDue = (orderId: string, tx?: Tx, dueAt?: Date) => Promise<void>;

export interface ExpiryScheduler {
  readonly kind: 'bullmq' | 'db';
  /**
   * Schedules onDue for the order at fireAt (at once if fireAt is past). Idempotent per order id:
   * a second call for the same order keeps the first timer. Given the caller's transaction, an
   * adapter that stores timers in the service's database stores it there (it commits or rolls back
   * with the caller's work); other adapters ignore it.
   */
  schedule(orderId: string, fireAt: Date, tx?: Tx): Promise<void>;
  /** Starts firing due timers (overdue ones fire right away). */
  start(onDue: OnDue): Promise<void>;
  /** Stops firing (waits for timers being fired) and releases connections. */
  stop(): Promise<void>;
}
