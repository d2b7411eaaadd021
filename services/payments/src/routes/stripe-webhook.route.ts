// POST /api/payments/webhooks/stripe — Stripe events, verified against the raw body's signature
// and recorded once per event id.
import { BadRequest, type Db, type HttpApp } from '@ticketing/common';
import { recordStripeEvent } from '../db/stripe-events.repository';
import { InvalidWebhookSignature, type PaymentProvider } from '../provider/payment-provider.port';

export async function stripeWebhookRoute(app: HttpApp, deps: { db: Db; provider: PaymentProvider }): Promise<void> {
  // An encapsulated plugin: only this route gets the raw Buffer (the signature covers the exact bytes).
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, payload, done) => done(null, payload));
    scope.post('/api/payments/webhooks/stripe', { schema: { hide: true } }, async (request) => {
      const payload = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const event = verify(deps.provider, payload, request.headers['stripe-signature']);
      const first = await recordStripeEvent(deps.db, event.id, event.type);
      return { received: true, duplicate: !first };
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
