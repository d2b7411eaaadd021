// A Transfer as the API shows it: the stored object keeps every reversal in `reversals.data`
// (newest first); the answer shows the first page of them, as Stripe's embedded list does.
import type Stripe from 'stripe';

const EMBEDDED_REVERSALS = 10;

export function reversalsUrl(transferId: string): string {
  return `/v1/transfers/${transferId}/reversals`;
}

export function emptyReversals(transferId: string): Stripe.ApiList<Stripe.TransferReversal> {
  return { object: 'list', data: [], has_more: false, total_count: 0, url: reversalsUrl(transferId) } as Stripe.ApiList<Stripe.TransferReversal>;
}

export function transferView(transfer: Stripe.Transfer): Stripe.Transfer {
  const copy = structuredClone(transfer);
  const all = copy.reversals.data;
  copy.reversals = { ...copy.reversals, data: all.slice(0, EMBEDDED_REVERSALS), has_more: all.length > EMBEDDED_REVERSALS };
  return copy;
}
