// event:cancelled → the replica records it (version rule) and every listing of the event is
// withdrawn in the same transaction: never listed or reserved again, each with ticket:updated
// withdrawn (a reserved one keeps its order until orders cancels it). Set-based: one UPDATE and one
// batch of outbox rows, however many listings the event has. The event lock waits for listings
// in flight, so a listing committed before it is withdrawn too, and one after it sees the
// cancellation and is refused.
import { consumer, NotReadyYet } from '@ticketing/common';
import { lockEvent, replaceEvent } from '../db/events.repository';
import { withdrawEventListings } from '../db/tickets.repository';
import { judgeVersion } from '../domain/replica-version';
import { ticketUpdatedData } from '../domain/ticket-events';

export const eventCancelled = consumer({
  subject: 'event:cancelled',
  async handle({ data }, tx, { logger }) {
    const replica = await lockEvent(tx, data.id);
    if (!replica) throw new NotReadyYet(`event ${data.id} not in the replica yet (version ${data.version})`);
    const verdict = judgeVersion(replica.version, data.version);
    if (verdict === 'duplicate') return;
    if (verdict === 'too-early') throw new NotReadyYet(`event ${data.id} at version ${replica.version}, got ${data.version}`);
    await replaceEvent(tx, data);
    const withdrawn = await withdrawEventListings(tx, data.id);
    await tx.publishAll('ticket:updated', withdrawn.map(ticketUpdatedData));
    logger.info({ eventId: data.id, withdrawn: withdrawn.length }, 'event cancelled: its listings withdrawn');
  },
});
