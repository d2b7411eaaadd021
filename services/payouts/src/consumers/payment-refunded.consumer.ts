// payment:refunded → refunded before any payout, or the payout taken back (workflows/refund-sale.ts).
import { consumer } from '@ticketing/common';
import type { PayoutsContext } from '../workflows/payouts-context';
import { refundSale } from '../workflows/refund-sale';

export const paymentRefunded = (ctx: PayoutsContext) => consumer({
  subject: 'payment:refunded',
  handle: ({ data }, tx) => refundSale(tx, ctx, data),
});
