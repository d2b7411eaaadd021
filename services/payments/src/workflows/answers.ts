// The HTTP answers of POST /api/payments that are stored for Idempotency-Key replays.
import { errorBody } from '@ticketing/common';
import type { PaymentRow, StoredAnswer } from '../db/payments.repository';

export function paidAnswer(payment: Pick<PaymentRow, 'id' | 'orderId' | 'amount' | 'currency'>, stripeId: string): StoredAnswer {
  const { id, orderId, amount, currency } = payment;
  return { status: 201, body: { id, orderId, stripeId, amount, currency, status: 'succeeded' } };
}

export function errorAnswer(status: number, message: string, field?: string): StoredAnswer {
  return { status, body: errorBody([field ? { message, field } : { message }]) };
}
