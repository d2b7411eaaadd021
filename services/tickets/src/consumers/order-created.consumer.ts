// order:created → reserve the ticket for that order, publish ticket:updated.
// Orders lets a ticket have one active order at a time, so a ticket still held by another order
// means that order's order:cancelled has not arrived yet (separate queues): wait for it
// (NotReadyYet) rather than drop this reservation. An order whose cancel came first never reserves.
// An order made at terms the seller has since changed (the edit got here first) is not reserved:
// ticket:reservation-rejected tells orders to cancel it, so nobody pays a price they were not shown.
// A withdrawn ticket (its event was cancelled) is rejected the same way, at once: it will never be
// for sale again, so there is nothing to wait for. So is an order for another generation than the
// ticket's (issue 17): one made for a listing its holder has since replaced by a resale.
import { consumer, NotReadyYet } from '@ticketing/common';
import { wasCancelledEarly } from '../db/early-cancels.repository';
import { lockTicket, setReservation } from '../db/tickets.repository';
import { ticketUpdatedData } from '../domain/ticket-events';
import { canReserve, isForGeneration, isWithdrawn, termsMatch } from '../domain/ticket-rules';

export const orderCreated = consumer({
  subject: 'order:created',
  async handle({ data }, tx, { logger }) {
    const ticket = await lockTicket(tx, data.ticket.id);
    if (!ticket) {
      logger.warn({ orderId: data.id, ticketId: data.ticket.id }, 'order:created for an unknown ticket ignored');
      return;
    }
    if (ticket.orderId === data.id) return;
    if (await wasCancelledEarly(tx, data.id)) {
      logger.info({ orderId: data.id, ticketId: ticket.id }, 'order:created for an order already cancelled: nothing to reserve');
      return;
    }
    if (isWithdrawn(ticket)) {
      logger.info({ orderId: data.id, ticketId: ticket.id }, 'order:created for a withdrawn ticket: reservation rejected');
      await tx.publish('ticket:reservation-rejected', { orderId: data.id, ticketId: ticket.id, reason: 'withdrawn' });
      return;
    }
    if (!isForGeneration(ticket, data.ticket)) {
      logger.info({ orderId: data.id, ticketId: ticket.id, generation: data.ticket.generation ?? 0, current: ticket.generation },
        'order:created for another generation of the ticket: reservation rejected');
      await tx.publish('ticket:reservation-rejected', { orderId: data.id, ticketId: ticket.id, reason: 'terms-changed' });
      return;
    }
    if (!canReserve(ticket)) throw new NotReadyYet(`ticket ${ticket.id} is still held by order ${ticket.orderId}; waiting for its cancel`);
    if (!termsMatch(ticket, data.ticket)) {
      logger.info({ orderId: data.id, ticketId: ticket.id }, 'order:created at terms edited since: reservation rejected');
      await tx.publish('ticket:reservation-rejected', { orderId: data.id, ticketId: ticket.id, reason: 'terms-changed' });
      return;
    }
    const reserved = await setReservation(tx, ticket.id, data.id);
    await tx.publish('ticket:updated', ticketUpdatedData(reserved));
  },
});
