// event:updated → apply to the replica in version order: an older or equal version is a
// duplicate; a gap (or an event not seen yet) waits for redelivery (NotReadyYet). The event's
// listings follow a new start time in the startsAt sort. Listings already made keep the cap they
// were checked with; a later price edit is checked with the event's country then.
import { consumer, NotReadyYet } from '@ticketing/common';
import { lockEvent, replaceEvent } from '../db/events.repository';
import { moveEventStart } from '../db/tickets.repository';
import { judgeVersion } from '../domain/replica-version';

export const eventUpdated = consumer({
  subject: 'event:updated',
  async handle({ data }, tx) {
    // The lock waits for listings reading this event to commit, so moveEventStart covers them.
    const replica = await lockEvent(tx, data.id);
    if (!replica) throw new NotReadyYet(`event ${data.id} not in the replica yet (version ${data.version})`);
    const verdict = judgeVersion(replica.version, data.version);
    if (verdict === 'duplicate') return;
    if (verdict === 'too-early') throw new NotReadyYet(`event ${data.id} at version ${replica.version}, got ${data.version}`);
    await replaceEvent(tx, data);
    await moveEventStart(tx, data.id, data.startsAt);
  },
});
