// What POST and PUT /api/tickets need beyond the database to judge a listing.
import type { PriceCaps } from '../domain/price-caps';

export interface ListingRules {
  caps: PriceCaps;
  /** How long a listing waits for an event the replica has not seen yet. */
  eventWaitMs: number;
  now: () => Date;
}
