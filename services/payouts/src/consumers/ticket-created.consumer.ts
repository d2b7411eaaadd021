// ticket:created → who sells the ticket, and for which event (neither changes afterwards).
import { consumer } from '@ticketing/common';
import { insertTicket } from '../db/replicas.repository';

export const ticketCreated = consumer({
  subject: 'ticket:created',
  async handle({ data }, tx) {
    await insertTicket(tx, { id: data.id, sellerId: data.userId, eventId: data.eventId ?? null });
  },
});
