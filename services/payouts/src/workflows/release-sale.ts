// A release timer fired: the sale's hold is over. It becomes payable and, when the seller can be
// paid, a transfer is owed (the payout worker makes it, outside any transaction). A timer for a
// payable time that no longer holds (the event moved) does nothing: the new time has its own.
// A sale of a cancelled event is never released: its refund is on the way.
import type { Tx } from '@ticketing/common';
import { findAccount } from '../db/accounts.repository';
import { addJob } from '../db/payout-jobs.repository';
import { findEvent } from '../db/replicas.repository';
import { findSale, lockSale, updateSale } from '../db/sales.repository';
import { lockSeller } from '../db/seller-lock';
import { appendTimeline } from '../db/timeline.repository';
import { why } from '../domain/sale-state';
import { parseReleaseTimerKey, type PayoutsContext } from './payouts-context';

export async function releaseSale(tx: Tx, ctx: PayoutsContext, timerKey: string): Promise<void> {
  const timer = parseReleaseTimerKey(timerKey);
  if (!timer) throw new Error(`not a release timer key: ${timerKey}`);
  // The seller's lock first, then the sale's (the order every writer of both takes).
  const sellerId = (await findSale(tx, timer.orderId))?.sellerId;
  if (!sellerId) return;
  await lockSeller(tx, sellerId);
  const sale = await lockSale(tx, timer.orderId);
  if (!sale || sale.state !== 'held' || new Date(sale.payableAt).getTime() !== timer.payableAtMs) return;
  if (sale.eventId && (await findEvent(tx, sale.eventId))?.status === 'cancelled') return;

  const account = await findAccount(tx, sale.sellerId);
  const canBePaid = !!account?.payoutsEnabled && !!account.stripeAccountId;
  const reason = canBePaid ? why.payable : why.payableNotOnboarded;
  await updateSale(tx, sale.orderId, { state: 'payable', why: reason });
  await appendTimeline(tx, sale.orderId, { state: 'payable', at: ctx.now(), why: reason });
  if (canBePaid) {
    await addJob(tx, sale.orderId, 'transfer');
    ctx.onJobDue();
  }
}
