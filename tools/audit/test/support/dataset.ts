// A small marketplace dataset written the way the services write it: orders and payments rows in
// databases migrated with the services' own migrations, and charges made through the SDK.
import { fileURLToPath } from 'node:url';
import { migrate, type Db } from '@ticketing/common';
import type Stripe from 'stripe';

export const ordersMigrations = fileURLToPath(new URL('../../../../services/orders/src/db/migrations', import.meta.url));
export const paymentsMigrations = fileURLToPath(new URL('../../../../services/payments/src/db/migrations', import.meta.url));

const card: Pick<Stripe.PaymentIntentCreateParams, 'payment_method' | 'confirm' | 'allowed_payment_method_types'> = { payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'] };

export async function migrateBoth(orders: Db, payments: Db): Promise<void> {
  await migrate(orders, ordersMigrations);
  await migrate(payments, paymentsMigrations);
}

/**
 * An order at `priceCents` in `status`, its replica in payments, and (optionally) a charge of
 * `charged` cents. A `refunded` order is one of a cancelled event (payments' replica: cancelled).
 */
export async function seedOrder(
  dbs: { orders: Db; payments: Db; stripe: Stripe },
  order: { status: 'created' | 'cancelled' | 'complete' | 'refunded'; priceCents: number; charged?: number; refund?: boolean },
): Promise<{ orderId: string; intent?: Stripe.PaymentIntent }> {
  const orderId = crypto.randomUUID();
  const ticketId = crypto.randomUUID();
  const userId = crypto.randomUUID();
  await dbs.orders.query('INSERT INTO tickets (id, title, price_cents, user_id, version) VALUES ($1, $2, $3, $4, 0)', [ticketId, 'Show', order.priceCents, crypto.randomUUID()]);
  await dbs.orders.query(
    `INSERT INTO orders (id, user_id, ticket_id, status, expires_at, ticket_title, ticket_price_cents, ticket_version)
     VALUES ($1, $2, $3, $4, now() + interval '15 minutes', 'Show', $5, 0)`,
    [orderId, userId, ticketId, order.status, order.priceCents],
  );
  await dbs.payments.query(
    "INSERT INTO orders (id, version, user_id, price_cents, status, expires_at) VALUES ($1, 0, $2, $3, $4, now() + interval '15 minutes')",
    [orderId, userId, order.priceCents, order.status === 'cancelled' || order.status === 'refunded' ? 'cancelled' : 'created'],
  );
  if (order.charged === undefined) return { orderId };
  const intent = await dbs.stripe.paymentIntents.create({ amount: order.charged, currency: 'usd', metadata: { orderId }, ...card });
  if (order.refund) await dbs.stripe.refunds.create({ payment_intent: intent.id });
  await dbs.payments.query(
    `INSERT INTO payments (id, order_id, user_id, stripe_idempotency_key, payment_method, amount, currency, status, stripe_id)
     VALUES ($1, $2, $3, $4, 'tok_visa', $5, 'usd', $6, $7)`,
    [crypto.randomUUID(), orderId, userId, `key-${orderId}`, order.charged, order.refund ? 'refunded' : 'succeeded', intent.id],
  );
  return { orderId, intent };
}
