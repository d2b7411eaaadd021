// What happens when an order's time is up: expiration:complete goes out through the outbox, once
// per order however often the scheduler fires it (a job re-run after its worker died).
import type { Db, Tx } from '@ticketing/common';
import type { Histogram } from 'prom-client';
import type { OnDue } from '../scheduler/scheduler.port';
import { recordFired } from '../db/fired-expiries.repository';
import { groupCommit } from '../db/group-commit';

export async function publishExpiration(tx: Tx, orderId: string): Promise<void> {
  if (await recordFired(tx, orderId)) await tx.publish('expiration:complete', { orderId });
}

/**
 * The scheduler's onDue: in the scheduler's transaction when it has one (database timers);
 * otherwise (BullMQ) concurrent expiries share transactions, so a burst of simultaneous
 * expiries costs a few commits instead of one each.
 */
export function expireOrder(db: Db, lateness?: Histogram): OnDue {
  const publishGrouped = groupCommit(db, publishExpiration);
  return async (orderId, tx, dueAt) => {
    await (tx ? publishExpiration(tx, orderId) : publishGrouped(orderId));
    if (dueAt && lateness) lateness.observe(Math.max(0, Date.now() - dueAt.getTime()) / 1000);
  };
}
