// POST /api/payments/webhooks/stripe — Stripe events, verified against the raw body's signature,
// recorded once per event id and acted on in the same transaction (workflows/apply-provider-event.ts):
// a redelivered event is answered 200 and changes nothing; a failure is a 500, so Stripe retries.
import { BadRequest, type Db, type HttpApp, type Logger } from '@ticketing/common';
import { recordStripeEvent } from '../db/stripe-events.repository';
import { InvalidWebhookSignature, type PaymentProvider } from '../provider/payment-provider.port';
import { applyProviderEvent } from '../workflows/apply-provider-event';

export interface StripeWebhookDeps {
  db: Db;
  provider: PaymentProvider;
  /** Called after a transaction that recorded a refund due has committed. */
  onRefundDue: () => void;
  logger: Logger;
}

export async function stripeWebhookRoute(app: HttpApp, deps: StripeWebhookDeps): Promise<void> {
  // An encapsulated plugin: only this route gets the raw Buffer (the signature covers the exact bytes).
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, payload, done) => done(null, payload));
    scope.post('/api/payments/webhooks/stripe', { schema: { hide: true } }, async (request) => {
      const payload = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const event = verify(deps.provider, payload, request.headers['stripe-signature']);
      const result = await deps.db.transaction(async (tx) => {
        if (!(await recordStripeEvent(tx, event.id, event.type))) return { first: false, refundDue: false };
        return { first: true, ...(await applyProviderEvent(tx, event, deps.logger)) };
      });
      if (result.refundDue) deps.onRefundDue();
      return { received: true, duplicate: !result.first };
    });
  });
}

function verify(provider: PaymentProvider, payload: Buffer, header: string | string[] | undefined) {
  try {
    return provider.verifyWebhook(payload, typeof header === 'string' ? header : undefined);
  } catch (error) {
    if (error instanceof InvalidWebhookSignature) throw new BadRequest(error.message, 'Stripe-Signature');
    throw error;
  }
}
