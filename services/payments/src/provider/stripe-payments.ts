// Stripe's PaymentIntents (from the API or a webhook event) as the port's ProviderPayment.
import type Stripe from 'stripe';
import type { ProviderPayment } from './payment-provider.port';

/**
 * `processing` is the only state that may still turn into money. Every other unfinished state
 * (requires_payment_method after a decline, requires_action or requires_confirmation) waits for
 * something this service never does — it confirms once, server-side — so it is a failure.
 */
export function providerPayment(intent: Stripe.PaymentIntent): ProviderPayment {
  const status = intent.status === 'succeeded' ? 'succeeded' : intent.status === 'processing' ? 'processing' : 'failed';
  const attemptId = intent.metadata?.paymentId;
  const failureMessage = intent.last_payment_error?.message;
  const chargeId = chargeIdOf(intent);
  return {
    id: intent.id, status, amount: intent.amount, currency: intent.currency,
    ...(attemptId ? { attemptId } : {}),
    ...(chargeId ? { chargeId } : {}),
    ...(status === 'failed' ? { failureMessage: failureMessage ?? `The payment was not completed (${intent.status})` } : {}),
  };
}

/** The PaymentIntent's latest charge id, whether it came as an id or expanded. */
export function chargeIdOf(intent: Stripe.PaymentIntent): string | undefined {
  const charge = intent.latest_charge;
  return (typeof charge === 'string' ? charge : charge?.id) || undefined;
}

/** The PaymentIntent a `payment_intent.*` event carries; undefined for other events. */
export function eventPayment(event: Stripe.Event): ProviderPayment | undefined {
  const object = event.data.object as { object?: string };
  return object.object === 'payment_intent' ? providerPayment(object as Stripe.PaymentIntent) : undefined;
}

/** The PaymentIntent id a `charge.refunded` event is about. */
export function refundedPayment(event: Stripe.Event): string | undefined {
  if (event.type !== 'charge.refunded') return undefined;
  const intent = (event.data.object as Stripe.Charge).payment_intent;
  return typeof intent === 'string' ? intent : intent?.id;
}
