// order:created → schedule the order's expiry at expiresAt (once per order, whatever the redeliveries).
import { consumer } from '@ticketing/common';
import type { ExpiryScheduler } from '../scheduler/scheduler.port';

export function orderCreated(scheduler: ExpiryScheduler) {
  return consumer({
    subject: 'order:created',
    async handle({ data }, tx) {
      await scheduler.schedule(data.id, new Date(data.expiresAt), tx);
    },
  });
}
