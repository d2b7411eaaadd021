// ticket:updated → the tickets replica in version order: an older or equal version is a duplicate;
// a gap (or a ticket not seen yet) waits for redelivery with backoff (NotReadyYet). A resale listing
// arrives here: the reseller becomes the seller, with the next generation.
import { consumer, NotReadyYet } from '@ticketing/common';
import { lockTicket, replaceTicket } from '../db/replicas.repository';
import { judgeVersion } from '../domain/replica-version';

export const ticketUpdated = consumer({
  subject: 'ticket:updated',
  async handle({ data }, tx) {
    const replica = await lockTicket(tx, data.id);
    if (!replica) throw new NotReadyYet(`ticket ${data.id} not in the replica yet (version ${data.version})`);
    const verdict = judgeVersion(replica.version, data.version);
    if (verdict === 'duplicate') return;
    if (verdict === 'too-early') throw new NotReadyYet(`ticket ${data.id} at version ${replica.version}, got ${data.version}`);
    await replaceTicket(tx, {
      id: data.id, sellerId: data.userId, eventId: data.eventId ?? replica.eventId, title: data.title,
      generation: data.generation ?? 0, version: data.version,
    });
  },
});
