// order:cancelled → release the ticket only if this very order holds it, publish ticket:updated.
// A cancel for an order that does not hold the ticket releases nothing (a stale cancel must not
// release a newer reservation); it is remembered, so that order's order:created, if it is still on
// its way, does not reserve the ticket afterwards.
// Reason 'event-cancelled': the ticket's event was cancelled, so the ticket is withdrawn rather than
// put back on sale — here too, not only by event:cancelled, which may arrive after this cancel
// (separate queues); whichever comes second finds the ticket withdrawn already.
import { consumer } from '@ticketing/common';
import { recordEarlyCancel } from '../db/early-cancels.repository';
import { lockTicket, setReservation, withdrawTicket } from '../db/tickets.repository';
import { ticketUpdatedData } from '../domain/ticket-events';
import { canRelease, isWithdrawn } from '../domain/ticket-rules';

export const orderCancelled = consumer({
  subject: 'order:cancelled',
  async handle({ data }, tx, { logger }) {
    const ticket = await lockTicket(tx, data.ticket.id);
    const holds = ticket !== undefined && canRelease(ticket, data.id);
    if (!holds) {
      logger.info({ orderId: data.id, ticketId: data.ticket.id }, 'order:cancelled does not hold the ticket: nothing to release');
      await recordEarlyCancel(tx, data.id, data.ticket.id);
    }
    if (!ticket) return;
    if (data.reason === 'event-cancelled' && (holds || !isWithdrawn(ticket))) {
      const withdrawn = await withdrawTicket(tx, ticket.id, { release: holds });
      await tx.publish('ticket:updated', ticketUpdatedData(withdrawn));
      return;
    }
    if (!holds) return;
    const released = await setReservation(tx, ticket.id, null);
    await tx.publish('ticket:updated', ticketUpdatedData(released));
  },
});
