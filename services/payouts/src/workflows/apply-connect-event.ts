// A verified Connect webhook, applied in the transaction that records its id. account.updated
// records payouts_enabled — by the account's metadata userId, so a webhook that arrives before the
// API's answer to the account's creation still finds its seller — and, once a seller can be paid,
// owes the transfer of each of their sales that is already payable.
import type { Logger, Tx } from '@ticketing/common';
import { findAccountByStripeId, recordAccountStatus } from '../db/accounts.repository';
import { addJob } from '../db/payout-jobs.repository';
import { payableSalesOfSeller, updateSale } from '../db/sales.repository';
import { lockSeller } from '../db/seller-lock';
import { appendTimeline } from '../db/timeline.repository';
import { why } from '../domain/sale-state';
import type { ConnectEvent } from '../provider/payouts-provider.port';

/** Returns how many transfers it made owed. */
export async function applyConnectEvent(tx: Tx, event: ConnectEvent, now: Date, logger: Logger): Promise<number> {
  const status = event.accountStatus;
  if (!status) return 0; // other Connect events are only recorded
  const sellerId = status.userId ?? (await findAccountByStripeId(tx, status.id))?.sellerId;
  if (!sellerId) {
    logger.warn({ eventId: event.id, account: status.id }, 'account.updated for an account of no known seller');
    return 0;
  }
  await lockSeller(tx, sellerId);
  const { account, enabledNow } = await recordAccountStatus(tx, { sellerId, stripeAccountId: status.id, payoutsEnabled: status.payoutsEnabled, at: event.created });
  if (!account.payoutsEnabled || account.stripeAccountId !== status.id) return 0;
  let owed = 0;
  for (const sale of await payableSalesOfSeller(tx, sellerId)) {
    await addJob(tx, sale.orderId, 'transfer');
    if (enabledNow || sale.why !== why.payable) {
      await updateSale(tx, sale.orderId, { why: why.payable });
      await appendTimeline(tx, sale.orderId, { state: 'payable', at: now, why: why.payable });
    }
    owed++;
  }
  return owed;
}
