// POST /api/payouts/webhooks/stripe — Connect events, verified against the raw body's signature
// (STRIPE_CONNECT_WEBHOOK_SECRET), recorded once per event id and applied in the same transaction:
// a redelivery is answered 200 and changes nothing; a failure is a 500, so Stripe retries.
import { BadRequest, type Db, type HttpApp, type Logger } from '@ticketing/common';
import { recordStripeEvent } from '../db/stripe-events.repository';
import { InvalidWebhookEvent, InvalidWebhookSignature, type PayoutsProvider } from '../provider/payouts-provider.port';
import { applyConnectEvent } from '../workflows/apply-connect-event';

export interface ConnectWebhookDeps {
  db: Db;
  provider: PayoutsProvider;
  now: () => Date;
  /** Called after a transaction that made transfers owed has committed. */
  onJobDue: () => void;
  logger: Logger;
}

export async function registerConnectWebhook(app: HttpApp, deps: ConnectWebhookDeps): Promise<void> {
  // An encapsulated plugin: only this route gets the raw Buffer (the signature covers the exact bytes).
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, payload, done) => done(null, payload));
    scope.post('/api/payouts/webhooks/stripe', { schema: { hide: true } }, async (request) => {
      const payload = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const event = verify(deps.provider, payload, request.headers['stripe-signature']);
      const result = await deps.db.transaction(async (tx) => {
        if (!(await recordStripeEvent(tx, event.id, event.type, event.account))) return { first: false, owed: 0 };
        return { first: true, owed: await applyConnectEvent(tx, event, deps.now(), deps.logger) };
      });
      if (result.owed) deps.onJobDue();
      return { received: true, duplicate: !result.first };
    });
  });
}

function verify(provider: PayoutsProvider, payload: Buffer, header: string | string[] | undefined) {
  try {
    return provider.verifyWebhook(payload, typeof header === 'string' ? header : undefined);
  } catch (error) {
    if (error instanceof InvalidWebhookSignature) throw new BadRequest(error.message, 'Stripe-Signature');
    if (error instanceof InvalidWebhookEvent) throw new BadRequest(error.message);
    throw error;
  }
}
