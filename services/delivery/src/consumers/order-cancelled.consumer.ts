// order:cancelled for its event's cancellation: a completed order is refunded, so its pass is
// revoked (reason 'refunded'). Any other cancellation is of an order that never completed: nothing to do.
import { consumer } from '@ticketing/common';
import { revokePassOfOrder } from '../db/passes.repository';
import { markRefunded, rememberRefund } from '../db/replicas.repository';
import type { DeliveryContext } from '../workflows/delivery-context';

export const orderCancelled = (ctx: DeliveryContext) => consumer({
  subject: 'order:cancelled',
  async handle({ data }, tx) {
    if (data.reason !== 'event-cancelled') return;
    const at = ctx.now();
    // Its order:completed may not have arrived yet: remembered, the pass is then issued revoked.
    if (await markRefunded(tx, data.id, at)) await revokePassOfOrder(tx, data.id, 'refunded', at);
    else await rememberRefund(tx, data.id, at);
  },
});
