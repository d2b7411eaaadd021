// When have reservations settled? P8 counts a reservation once its effect has reached every service
// that acts on it: tickets (the ticket's order_id is set), payments (its orders replica has the
// order) and expiration (the expiry job is scheduled: a delayed BullMQ job in infra mode). Polled
// every POLL_MS over connections held open for the purpose, on a stack of P8's own (so the totals
// are the run's). The exactly-once checker (settled-effects.ts) judges the details afterwards.
import { Redis } from 'ioredis';
import pg from 'pg';
import type { InfraStack } from './infra-stack';

export const POLL_MS = 100;

export interface SettleCounts {
  /** Orders holding a ticket (status created, awaiting:payment or complete) in the orders database. */
  orders: number;
  /** Tickets whose order_id is set in the tickets database. */
  tickets: number;
  /** Orders in payments' replica. */
  payments: number;
  /** Expiries scheduled (delayed jobs in the stack's BullMQ queue). */
  expiries: number;
}

export interface SettleWatch {
  counts(): Promise<SettleCounts>;
  /**
   * Polls until every effect has caught up with the orders (and the order count holds still) or
   * `timeoutMs` passes. `at` is performance.now() of the first poll that saw it settled.
   */
  untilSettled(timeoutMs: number): Promise<{ settled: boolean; counts: SettleCounts; at: number }>;
  /** The PostgreSQL backends of the watch's own connections (left out of the stack's CPU). */
  backendPids(): Promise<number[]>;
  close(): Promise<void>;
}

export const isSettled = (counts: SettleCounts) =>
  counts.tickets === counts.orders && counts.payments === counts.orders && counts.expiries === counts.orders;

/** Polls `counts` until settled; shared by the infra and embedded watches. */
export async function pollUntilSettled(counts: () => Promise<SettleCounts>, timeoutMs: number): Promise<{ settled: boolean; counts: SettleCounts; at: number }> {
  const deadline = performance.now() + timeoutMs;
  let last = await counts();
  for (;;) {
    const at = performance.now();
    const now = await counts();
    if (isSettled(now) && now.orders === last.orders) return { settled: true, counts: now, at };
    last = now;
    if (performance.now() > deadline) return { settled: false, counts: now, at };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function watchInfraSettling(stack: InfraStack): Promise<SettleWatch> {
  const client = async (url: string) => {
    const opened = new pg.Client({ connectionString: url });
    await opened.connect();
    return opened;
  };
  const [orders, tickets, payments] = await Promise.all([client(stack.databaseUrls.orders), client(stack.databaseUrls.tickets), client(stack.databaseUrls.payments)]);
  const redis = new Redis(stack.redisUrl, { maxRetriesPerRequest: 1 });
  const one = async (db: pg.Client, sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;
  const counts = async (): Promise<SettleCounts> => {
    const [ordered, reserved, replicated, delayed] = await Promise.all([
      one(orders, "SELECT count(*)::int AS n FROM orders WHERE status IN ('created', 'awaiting:payment', 'complete')"),
      one(tickets, 'SELECT count(*)::int AS n FROM tickets WHERE order_id IS NOT NULL'),
      one(payments, 'SELECT count(*)::int AS n FROM orders'),
      redis.zcard('bull:expiration:delayed'),
    ]);
    return { orders: ordered, tickets: reserved, payments: replicated, expiries: delayed };
  };
  return {
    counts,
    untilSettled: (timeoutMs) => pollUntilSettled(counts, timeoutMs),
    backendPids: () => Promise.all([orders, tickets, payments].map(async (db) => (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid)),
    async close() {
      redis.disconnect();
      await Promise.all([orders.end(), tickets.end(), payments.end()]);
    },
  };
}
