// order:completed → the order's buyer now holds the ticket (issue 17): they may list it again
// (POST /api/tickets/:id/resale). Only the order that holds the ticket makes a holder. While the
// ticket is not held by this order but is of the order's generation, its order:created has not been
// applied yet (separate queues, or it waits for an earlier order's cancel): wait for it
// (NotReadyYet). Any other order is ignored with a warning: one for a generation resold since, one
// tickets refused or that was cancelled (its order:cancelled came first), one of a withdrawn ticket.
// No ticket terms change (no version, no ticket:updated): the holder is tickets' own business.
import { consumer, NotReadyYet } from '@ticketing/common';
import { wasCancelledEarly } from '../db/early-cancels.repository';
import { lockTicket, setHolder } from '../db/tickets.repository';
import { isForGeneration, isWithdrawn } from '../domain/ticket-rules';

export const orderCompleted = consumer({
  subject: 'order:completed',
  async handle({ data }, tx, { logger }) {
    const about = { orderId: data.id, ticketId: data.ticket.id, generation: data.ticket.generation ?? 0 };
    const ticket = await lockTicket(tx, data.ticket.id);
    if (!ticket) {
      logger.warn(about, 'order:completed for an unknown ticket ignored');
      return;
    }
    if (ticket.orderId === data.id) {
      if (ticket.holderId !== data.userId) await setHolder(tx, ticket.id, data.userId);
      return;
    }
    if (!isForGeneration(ticket, data.ticket) || isWithdrawn(ticket) || (await wasCancelledEarly(tx, data.id))) {
      logger.warn({ ...about, heldBy: ticket.orderId, current: ticket.generation }, 'order:completed for an order that does not hold the ticket ignored');
      return;
    }
    throw new NotReadyYet(`ticket ${ticket.id}: order:completed of order ${data.id} before its order:created was applied`);
  },
});
