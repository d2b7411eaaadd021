// ticket:updated → apply to the listings replica in version order: an older or equal version is a
// duplicate; a gap (or a listing not seen yet) waits for redelivery with backoff (NotReadyYet).
// A ticket tied to no event is not kept (every event listing's updates carry its eventId).
import { consumer, NotReadyYet } from '@ticketing/common';
import { lockListing, replaceListing } from '../db/listings.repository';
import { judgeVersion } from '../domain/replica-version';
import { listingOf } from '../domain/ticket-listing';

export const ticketUpdated = consumer({
  subject: 'ticket:updated',
  async handle({ data }, tx) {
    const incoming = listingOf(data);
    if (!incoming) return;
    const replica = await lockListing(tx, data.id);
    if (!replica) throw new NotReadyYet(`listing ${data.id} not in the replica yet (version ${data.version})`);
    const verdict = judgeVersion(replica.version, data.version);
    if (verdict === 'duplicate') return;
    if (verdict === 'too-early') throw new NotReadyYet(`listing ${data.id} at version ${replica.version}, got ${data.version}`);
    await replaceListing(tx, incoming);
  },
});
