// payment:refunded → the buyer has their money back. Before a transfer: the sale is refunded and
// nothing is paid out. After one: the refund is booked (the seller now owes the net) and the
// transfer's reversal is owed. A transfer in flight when the refund lands is recorded when it
// answers, and then reversed (pay-out.ts): both orders of arrival end the same way.
import { NotReadyYet, type EventData, type Tx } from '@ticketing/common';
import { hasMovement, insertMovement } from '../db/ledger.repository';
import { addJob, clearUnattemptedJob } from '../db/payout-jobs.repository';
import { lockSale, updateSale } from '../db/sales.repository';
import { appendTimeline } from '../db/timeline.repository';
import { refundMovement } from '../domain/ledger-movements';
import { why } from '../domain/sale-state';
import type { PayoutsContext } from './payouts-context';

export async function refundSale(tx: Tx, ctx: PayoutsContext, data: EventData<'payment:refunded'>): Promise<void> {
  const sale = await lockSale(tx, data.orderId);
  if (!sale) throw new NotReadyYet(`refund of order ${data.orderId} before its payment:created`);
  if (await hasMovement(tx, sale.orderId, 'refund')) return;
  const at = ctx.now();
  await insertMovement(tx, sale.orderId, sale.currency, refundMovement(sale));
  if (sale.transferId) {
    await updateSale(tx, sale.orderId, { refundedAt: at, why: why.refundedAfterTransfer });
    await appendTimeline(tx, sale.orderId, { state: 'refunded', at, why: why.refundedAfterTransfer });
    await addJob(tx, sale.orderId, 'reversal');
    ctx.onJobDue();
    return;
  }
  await updateSale(tx, sale.orderId, { state: 'refunded', refundedAt: at, why: why.refunded });
  await appendTimeline(tx, sale.orderId, { state: 'refunded', at, why: why.refunded });
  // A transfer never tried is dropped; one that was tried may have reached the provider, so the
  // worker finishes it with the same key (and it is then reversed).
  await clearUnattemptedJob(tx, sale.orderId, 'transfer');
}
