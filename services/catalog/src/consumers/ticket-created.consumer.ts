// ticket:created → a listing of an event enters the replica at version 0 (a duplicate has no
// effect); a ticket tied to no event is not kept.
import { consumer } from '@ticketing/common';
import { insertListing } from '../db/listings.repository';
import { listingOf } from '../domain/ticket-listing';

export const ticketCreated = consumer({
  subject: 'ticket:created',
  async handle({ data }, tx) {
    const listing = listingOf(data);
    if (listing) await insertListing(tx, listing);
  },
});
