// ticket:created → insert the ticket into the replica at version 0 (a duplicate has no effect),
// with its event and whether it is withdrawn, when the listing has them.
import { consumer } from '@ticketing/common';
import { insertReplica } from '../db/tickets.repository';
import { toCents } from '../domain/money';

export const ticketCreated = consumer({
  subject: 'ticket:created',
  async handle({ data }, tx) {
    await insertReplica(tx, {
      id: data.id, title: data.title, priceCents: toCents(data.price), userId: data.userId, version: 0,
      eventId: data.eventId, withdrawn: data.withdrawn, generation: data.generation,
    });
  },
});
