// POST /api/payments — pay for an order with a card token or PaymentMethod id.
//
// How a payment and a cancellation (expiry) are kept apart without holding a lock during the
// Stripe call (quality.md R5):
//  1. Begin (transaction 1, order row locked with SELECT … FOR UPDATE): check the order, then
//     commit a `pending` attempt row with a lease (now + attemptLeaseMs) and its Stripe idempotency
//     key. A unique index allows one pending-or-succeeded attempt per order: never two charges.
//  2. Charge, with no transaction or lock held: a slow Stripe call blocks nobody.
//  3. Settle (transaction 2, order row locked again): record `succeeded` + payment:created, or
//     `failed` (declined), or release the lease (outcome unknown: 503, retried with the same key).
//     If the order was cancelled meanwhile, record the charge as owed back (refunds_due), answer 400.
//  The order:cancelled consumer takes the same lock. It does not cancel while an attempt holds a
//  live lease (NotReadyYet: the bus retries after the charge settles); for a succeeded payment, or
//  an attempt whose outcome is unknown, it records a refund due. The refund worker then, with no
//  transaction open, finishes an unknown attempt (same Stripe key: a replay if it had charged),
//  refunds (a key per payment) and publishes payment:refunded, retrying until the provider answers.
//  So a cancelled order never keeps an unrefunded charge.
//
// Idempotency-Key: the attempt row stores the answer under (user, key); a replay returns it, and
// the Stripe key derived from the header makes a retry after a 503 charge at most once.
import { BadRequest, requireAuth, requireUser, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { payOrder, type PayOrderDeps } from '../workflows/pay-order';

const body = z.object({
  orderId: z.uuid(),
  token: z.string().trim().min(1, 'token is required')
    // Stored with the attempt; PostgreSQL text cannot hold NUL (and no Stripe id contains one).
    .refine((token) => !token.includes('\u0000'), 'token must not contain NUL characters'),
});

export function createPaymentRoute(app: HttpApp, deps: PayOrderDeps): void {
  app.post('/api/payments', { preValidation: requireAuth, schema: { body } }, async (request, reply) => {
    const user = requireUser(request);
    const answer = await payOrder(deps, {
      userId: user.id,
      orderId: request.body.orderId,
      token: request.body.token,
      clientKey: idempotencyKeyOf(request.headers['idempotency-key']),
    });
    return reply.code(answer.status).send(answer.body);
  });
}

function idempotencyKeyOf(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (typeof header !== 'string' || header.length === 0 || header.length > 200) {
    throw new BadRequest('Idempotency-Key must be 1 to 200 characters', 'Idempotency-Key');
  }
  return header;
}
