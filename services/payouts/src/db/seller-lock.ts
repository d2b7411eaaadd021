// One seller's payout decisions, one at a time: a release deciding "not onboarded" and the
// account.updated enabling payouts must not both miss each other (each reading before the other
// commits would leave the sale payable for ever). Taken before any of the seller's sale rows.
import type { Queryable } from '@ticketing/common';

export async function lockSeller(db: Queryable, sellerId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtext('payouts-seller:' || $1::text))", [sellerId]);
}
