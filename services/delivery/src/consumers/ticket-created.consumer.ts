// ticket:created → the tickets replica at version 0: who sells it, for which event, which generation.
import { consumer } from '@ticketing/common';
import { insertTicket } from '../db/replicas.repository';

export const ticketCreated = consumer({
  subject: 'ticket:created',
  async handle({ data }, tx) {
    await insertTicket(tx, {
      id: data.id, sellerId: data.userId, eventId: data.eventId ?? null, title: data.title, generation: data.generation ?? 0, version: 0,
    });
  },
});
