// Our side: the orders and payments databases (their migrations define these columns), through
// the kernel's database port, so PostgreSQL (infra) and PGlite (embedded) are read alike.
import type { Queryable } from '@ticketing/common';
import type { OrderRow, PaymentRow } from './ledger';

export async function readOrders(db: Queryable): Promise<OrderRow[]> {
  return db.query<OrderRow>('SELECT id, status, ticket_price_cents AS "priceCents" FROM orders');
}

export async function readPayments(db: Queryable): Promise<PaymentRow[]> {
  return db.query<PaymentRow>('SELECT id, order_id AS "orderId", status, amount, stripe_id AS "stripeId" FROM payments');
}
