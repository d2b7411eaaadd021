// order:completed → the buyer holds that generation of the ticket: delivery signs their pass
// (once per order) and revokes the passes of every older generation (reason 'resold').
import { consumer, NotReadyYet } from '@ticketing/common';
import { issuePass } from '../workflows/issue-pass';
import type { DeliveryContext } from '../workflows/delivery-context';

export const orderCompleted = (ctx: DeliveryContext) => consumer({
  subject: 'order:completed',
  async handle({ data }, tx) {
    const issued = await issuePass(tx, ctx, { orderId: data.id, buyerId: data.userId, ticketId: data.ticket.id, generation: data.ticket.generation ?? 0 });
    if (issued === 'unknown-ticket') throw new NotReadyYet(`ticket ${data.ticket.id} of order ${data.id} not in the replica yet`);
  },
});
