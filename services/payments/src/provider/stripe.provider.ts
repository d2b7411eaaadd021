// The Stripe adapter: PaymentIntents confirmed at once, refunds, webhook signatures, through the
// official SDK. STRIPE_API_BASE points it at the simulator (default) or at https://api.stripe.com.
import Stripe from 'stripe';
import { createStripeClient } from '@ticketing/common/stripe/stripe-client';
import {
  CardDeclined, InvalidPaymentMethod, InvalidWebhookSignature, type PaymentProvider, type ProviderEvent,
} from './payment-provider.port';
import { providerError } from './stripe-errors';
import { chargeIdOf, eventPayment, providerPayment, refundedPayment } from './stripe-payments';

export interface StripeProviderOptions {
  secretKey: string;
  /** e.g. http://127.0.0.1:12111 (the simulator) or https://api.stripe.com */
  apiBase: string;
  webhookSecret?: string;
  /** SDK retries of failed requests, reusing the same idempotency key. */
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  const stripe = createStripeClient(options);

  return {
    async charge(amount, currency, token, idempotencyKey, metadata, transferGroup) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount, currency, metadata, confirm: true,
            ...(transferGroup ? { transfer_group: transferGroup } : {}),
            // Server-side card payments only: no redirect-based methods, so no return_url.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            ...paymentMethodOf(token),
          },
          { idempotencyKey },
        );
        if (intent.status !== 'succeeded') throw new CardDeclined(`The payment was not completed (${intent.status})`, intent.id);
        const chargeId = chargeIdOf(intent);
        return { status: 'succeeded', id: intent.id, ...(chargeId ? { chargeId } : {}) };
      } catch (error) {
        throw chargeError(error);
      }
    },

    async lookUp({ attemptId, providerId }) {
      try {
        if (providerId) return providerPayment(await stripe.paymentIntents.retrieve(providerId));
        // Our attempt ids are UUIDs, so the quoted value needs no escaping.
        const found = await stripe.paymentIntents.search({ query: `metadata['paymentId']:'${attemptId}'`, limit: 10 });
        return mostSettled(found.data.map(providerPayment));
      } catch (error) {
        throw providerError('Payment lookup failed', error);
      }
    },

    async refund(paymentIntentId, idempotencyKey) {
      try {
        const refund = await stripe.refunds.create({ payment_intent: paymentIntentId }, { idempotencyKey });
        return { id: refund.id, amount: refund.amount, currency: refund.currency };
      } catch (error) {
        throw providerError('Refund failed', error);
      }
    },

    verifyWebhook(payload, signature): ProviderEvent {
      if (!options.webhookSecret) throw new InvalidWebhookSignature('No webhook signing secret is configured');
      if (!signature) throw new InvalidWebhookSignature('Missing Stripe-Signature header');
      try {
        const event = stripe.webhooks.constructEvent(payload, signature, options.webhookSecret);
        return { id: event.id, type: event.type, payment: eventPayment(event), refundedProviderId: refundedPayment(event) };
      } catch (error) {
        throw new InvalidWebhookSignature((error as Error).message);
      }
    },
  };
}

/** A token is not a PaymentMethod: Stripe takes it only inside payment_method_data. */
function paymentMethodOf(token: string): Pick<Stripe.PaymentIntentCreateParams, 'payment_method' | 'payment_method_data'> {
  if (token.startsWith('tok_')) {
    return { payment_method_data: { type: 'card', card: { token } } as Stripe.PaymentIntentCreateParams.PaymentMethodData };
  }
  return { payment_method: token };
}

function chargeError(error: unknown): Error {
  if (error instanceof CardDeclined) return error;
  if (error instanceof Stripe.errors.StripeCardError) return new CardDeclined(error.message, error.payment_intent?.id);
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing' && isPaymentMethodParam(error.param)) {
    return new InvalidPaymentMethod(error.message);
  }
  // Connection errors, timeouts, 5xx, 429, 409 "in progress": the charge may or may not have
  // happened, so the caller keeps the attempt and retries it with the same key. Auth or other
  // request errors are final answers (ProviderRejected); the caller still keeps the attempt.
  return providerError('Charge failed', error);
}

/** One attempt has one PaymentIntent; should there be more, the one that took money matters most. */
function mostSettled(payments: ReturnType<typeof providerPayment>[]) {
  const rank = { succeeded: 0, processing: 1, failed: 2 } as const;
  return payments.sort((a, b) => rank[a.status] - rank[b.status])[0];
}

function isPaymentMethodParam(param: string | undefined): boolean {
  return !!param && param.startsWith('payment_method');
}
