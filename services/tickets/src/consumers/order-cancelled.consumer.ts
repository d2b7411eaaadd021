// order:cancelled → release the ticket only if this very order holds it, publish ticket:updated.
// A cancel for an order that does not hold the ticket releases nothing (a stale cancel must not
// release a newer reservation); it is remembered, so that order's order:created, if it is still on
// its way, does not reserve the ticket afterwards.
import { consumer } from '@ticketing/common';
import { recordEarlyCancel } from '../db/early-cancels.repository';
import { lockTicket, setReservation } from '../db/tickets.repository';
import { ticketUpdatedData } from '../domain/ticket-events';
import { canRelease } from '../domain/ticket-rules';

export const orderCancelled = consumer({
  subject: 'order:cancelled',
  async handle({ data }, tx, { logger }) {
    const ticket = await lockTicket(tx, data.ticket.id);
    if (!ticket || !canRelease(ticket, data.id)) {
      logger.info({ orderId: data.id, ticketId: data.ticket.id }, 'order:cancelled does not hold the ticket: nothing to release');
      await recordEarlyCancel(tx, data.id, data.ticket.id);
      return;
    }
    const released = await setReservation(tx, ticket.id, null);
    await tx.publish('ticket:updated', ticketUpdatedData(released));
  },
});
