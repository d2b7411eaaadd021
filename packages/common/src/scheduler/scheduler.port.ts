// The scheduler port: "call me back when this key's time is up", durably. Two adapters: BullMQ
// delayed jobs on Redis (infra mode) and timers in the service's own database (embedded mode).
// A service keys its timers by whatever it waits on (an order's expiry, a sale's release).
//
// Tables a service creates in its own migrations (names are options; the adapters only need):
//   - DbTimersScheduler's timers table, and BullmqScheduler's hand-off table (when given a db):
//       <keyColumn> uuid or text PRIMARY KEY   -- the key; the primary key makes a second schedule a no-op
//       fire_at     timestamptz NOT NULL       -- when the timer is due
//     plus, for the timers table, an index on (fire_at): the loop reads the earliest pending one.
//   e.g. CREATE TABLE release_timers (key text PRIMARY KEY, fire_at timestamptz NOT NULL);
//        CREATE INDEX release_timers_fire_at ON release_timers (fire_at);
import type { Tx } from '../db/port';

/**
 * Called once a key's time is up. When the adapter claims the timer inside a transaction of the
 * service's database it passes that `tx`, and the handler's effect must commit with the claim (so
 * the timer fires exactly once); otherwise (BullMQ) the handler opens its own transaction and must
 * be idempotent per key, since a job whose worker died after the commit runs again. Throwing means
 * "not done": the timer is kept and retried later with backoff. `dueAt`, when the adapter knows
 * it, is the time the timer was set for (lateness metrics).
 */
export type OnDue = (key: string, tx?: Tx, dueAt?: Date) => Promise<void>;

export interface Scheduler {
  readonly kind: 'bullmq' | 'db';
  /**
   * Schedules onDue for the key at fireAt (at once if fireAt is past). Idempotent per key: a
   * second call for the same key keeps the first timer. Given the caller's transaction, an adapter
   * with the service's database writes there (the timer commits or rolls back with the caller's
   * work, and no Redis call happens while the transaction is open).
   */
  schedule(key: string, fireAt: Date, tx?: Tx): Promise<void>;
  /** Starts firing due timers (overdue ones fire right away). */
  start(onDue: OnDue): Promise<void>;
  /** Stops firing (waits for timers being fired) and releases connections. */
  stop(): Promise<void>;
}
