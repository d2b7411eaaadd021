// POST /api/payments as a workflow: begin an attempt (short transaction, order locked), charge
// with no transaction open, settle (second short transaction, order locked again).
// See routes/create-payment.route.ts for why it is split this way.
import { BadRequest, Conflict, Forbidden, isPgError, NotFound, PgError, type Db } from '@ticketing/common';
import { lockOrder } from '../db/orders.repository';
import {
  findByClientKey, findLiveAttempt, insertPendingAttempt, takeLease, type PaymentRow, type StoredAnswer,
} from '../db/payments.repository';
import { chargeKey } from '../domain/idempotency-keys';
import { ALREADY_PAID_MESSAGE, whyNotPayable } from '../domain/order-payability';
import { requestFingerprint, sameRequest } from '../domain/request-fingerprint';
import type { FailedPaymentLimiter } from '../limits/failed-payment-limiter';
import type { PaymentProvider } from '../provider/payment-provider.port';
import { errorAnswer } from './answers';
import { chargeAttempt, type ChargeOutcome } from './charge-attempt';
import { lookUpAttempt } from './look-up-attempt';
import { settleAttempt } from './settle-attempt';

export interface PayOrderDeps {
  db: Db;
  provider: PaymentProvider;
  currency: string;
  /** How long an attempt may be charging before others treat its outcome as unknown. */
  attemptLeaseMs: number;
  now: () => Date;
  /** Called after a transaction that recorded a refund due has committed. */
  onRefundDue: () => void;
  /** Failed payments per user and per order (card testing): over the limit is 429. */
  limiter: FailedPaymentLimiter;
}

export interface PayOrderRequest {
  userId: string;
  orderId: string;
  token: string;
  clientKey: string | null;
}

/** `resumed`: an earlier attempt of this order whose outcome we never heard. */
type Begun = { answer: StoredAnswer } | { charge: PaymentRow; resumed: boolean };

export const KEY_REUSED_MESSAGE = 'This Idempotency-Key was already used for a different payment (another order or card); use a new key';

export async function payOrder(deps: PayOrderDeps, request: PayOrderRequest): Promise<StoredAnswer> {
  const replay = request.clientKey ? await findByClientKey(deps.db, request.userId, request.clientKey) : undefined;
  if (replay) assertSameRequest(replay, request);
  if (replay?.answer) return replay.answer;
  await deps.limiter.check(request.userId, request.orderId);
  const begun = await begin(deps, request);
  if ('answer' in begun) return begun.answer;
  const outcome = begun.resumed ? await resumeAttempt(deps.provider, begun.charge) : await chargeAttempt(deps.provider, begun.charge);
  const settled = await deps.db.transaction((tx) => settleAttempt(tx, begun.charge, outcome));
  if (settled.refundDue) deps.onRefundDue();
  if (isCardFailure(outcome)) await deps.limiter.recordFailure(request.userId, request.orderId);
  return settled.answer;
}

/**
 * The buyer asks again for an attempt whose answer was lost: find out what became of it first,
 * and charge (with its own key and card) only if the provider has no payment for it. The key
 * alone is not enough: Stripe forgets it after 24 h, and a second PaymentIntent would be made.
 */
async function resumeAttempt(provider: PaymentProvider, attempt: PaymentRow): Promise<ChargeOutcome> {
  const found = await lookUpAttempt(provider, attempt);
  return found.kind === 'not-found' ? chargeAttempt(provider, attempt) : found;
}

/** What a card tester produces: a refused card or one that does not exist. */
function isCardFailure(outcome: ChargeOutcome): boolean {
  return outcome.kind === 'declined' || outcome.kind === 'invalid-payment-method';
}

function assertSameRequest(stored: PaymentRow, request: PayOrderRequest): void {
  if (!sameRequest(stored, request)) throw new BadRequest(KEY_REUSED_MESSAGE, 'Idempotency-Key');
}

async function begin(deps: PayOrderDeps, request: PayOrderRequest): Promise<Begun> {
  try {
    return await deps.db.transaction(async (tx) => {
      const order = await lockOrder(tx, request.orderId);
      if (!order) throw new NotFound('Order not found');
      if (order.userId !== request.userId) throw new Forbidden('You do not own this order');

      const replay = request.clientKey ? await findByClientKey(tx, request.userId, request.clientKey) : undefined;
      if (replay) assertSameRequest(replay, request);
      if (replay?.answer) return { answer: replay.answer };

      const reason = whyNotPayable(order, deps.now());
      if (reason) return { answer: errorAnswer(400, reason) };

      const live = await findLiveAttempt(tx, order.id);
      if (live?.status === 'succeeded') return { answer: errorAnswer(400, ALREADY_PAID_MESSAGE) };
      if (live?.inFlight) throw new Conflict('A payment for this order is already in progress, try again shortly');
      if (live) {
        // An earlier attempt whose outcome is unknown: finish it first, with its own Stripe key and
        // card, so it can never be charged a second time under another key.
        await takeLease(tx, live.id, deps.attemptLeaseMs);
        return { charge: live, resumed: true };
      }

      const id = crypto.randomUUID();
      const attempt = { id, orderId: order.id, userId: request.userId, clientKey: request.clientKey };
      return {
        charge: await insertPendingAttempt(tx, {
          ...attempt, stripeIdempotencyKey: chargeKey(attempt), paymentMethod: request.token,
          requestFingerprint: request.clientKey ? requestFingerprint({ ...request, orderId: order.id }) : null,
          amount: order.priceCents, currency: deps.currency,
        }, deps.attemptLeaseMs),
        resumed: false,
      };
    });
  } catch (error) {
    // The same Idempotency-Key sent at once for two orders.
    if (isPgError(error, PgError.uniqueViolation)) throw new Conflict('A payment with this Idempotency-Key is already in progress');
    throw error;
  }
}
