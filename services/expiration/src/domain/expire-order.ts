// What happens when an order's time is up: expiration:complete goes out through the outbox.
import type { Db, Tx } from '@ticketing/common';
import type { OnDue } from '../scheduler/scheduler.port';

export function publishExpiration(tx: Tx, orderId: string): Promise<void> {
  return tx.publish('expiration:complete', { orderId });
}

/** The scheduler's onDue: in the scheduler's transaction when it has one, else in a new one. */
export function expireOrder(db: Db): OnDue {
  return (orderId, tx) => (tx ? publishExpiration(tx, orderId) : db.transaction((own) => publishExpiration(own, orderId)));
}
