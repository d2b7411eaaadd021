// ticket:updated → apply to the replica in version order: an older or equal version is a duplicate;
// a gap (or a ticket not seen yet) waits for redelivery with backoff (NotReadyYet).
import { consumer, NotReadyYet } from '@ticketing/common';
import { lockReplica, replaceReplica } from '../db/tickets.repository';
import { toCents } from '../domain/money';
import { judgeVersion } from '../domain/replica-version';

export const ticketUpdated = consumer({
  subject: 'ticket:updated',
  async handle({ data }, tx) {
    const replica = await lockReplica(tx, data.id);
    if (!replica) throw new NotReadyYet(`ticket ${data.id} not in the replica yet (version ${data.version})`);
    const verdict = judgeVersion(replica.version, data.version);
    if (verdict === 'duplicate') return;
    if (verdict === 'too-early') throw new NotReadyYet(`ticket ${data.id} at version ${replica.version}, got ${data.version}`);
    await replaceReplica(tx, {
      id: data.id, title: data.title, priceCents: toCents(data.price), userId: data.userId, version: data.version,
      eventId: data.eventId, withdrawn: data.withdrawn, generation: data.generation,
    });
  },
});
