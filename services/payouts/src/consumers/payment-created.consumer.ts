// payment:created → the sale is booked and held (workflows/book-sale.ts).
import { consumer } from '@ticketing/common';
import type { PayoutsContext } from '../workflows/payouts-context';
import { bookSale } from '../workflows/book-sale';

export const paymentCreated = (ctx: PayoutsContext) => consumer({
  subject: 'payment:created',
  handle: ({ data, occurredAt }, tx) => bookSale(tx, ctx, data, occurredAt),
});
