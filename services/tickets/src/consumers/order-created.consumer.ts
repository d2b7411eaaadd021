// order:created → reserve the ticket for that order (only if no order holds it), publish ticket:updated.
import { consumer } from '@ticketing/common';
import { lockTicket, setReservation } from '../db/tickets.repository';
import { ticketUpdatedData } from '../domain/ticket-events';
import { canReserve } from '../domain/ticket-rules';

export const orderCreated = consumer({
  subject: 'order:created',
  async handle({ data }, tx, { logger }) {
    const ticket = await lockTicket(tx, data.ticket.id);
    if (!ticket) {
      logger.warn({ orderId: data.id, ticketId: data.ticket.id }, 'order:created for an unknown ticket ignored');
      return;
    }
    if (ticket.orderId === data.id) return;
    if (!canReserve(ticket)) {
      logger.warn({ orderId: data.id, ticketId: ticket.id, heldBy: ticket.orderId }, 'ticket already held by another order');
      return;
    }
    const reserved = await setReservation(tx, ticket.id, data.id);
    await tx.publish('ticket:updated', ticketUpdatedData(reserved));
  },
});
