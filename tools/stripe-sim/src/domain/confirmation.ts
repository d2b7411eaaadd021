// Confirming a PaymentIntent: one charge attempt with its payment method. A good card moves the
// intent to `succeeded`; a declining card leaves it in `requires_payment_method` with
// `last_payment_error`, detaches the method, and answers 402 — the state change is kept either way.
import type Stripe from 'stripe';
import { cardError, docUrl, invalidParam, stateError } from '../api/errors';
import { chargeFor } from './charge-object';
import type { HandlerContext } from './context';
import type { SimPaymentMethod } from './store';
import type { Decline } from './test-cards';

const CONFIRMABLE: readonly Stripe.PaymentIntent.Status[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

export interface ConfirmRequest {
  paymentMethod: SimPaymentMethod | undefined;
  returnUrl: string | undefined;
  receiptEmail: string | undefined;
}

export function confirm(context: HandlerContext, intent: Stripe.PaymentIntent, request: ConfirmRequest): void {
  assertConfirmable(intent);
  assertReturnUrl(intent, request.returnUrl);
  const paymentMethod = request.paymentMethod ?? attachedPaymentMethod(context, intent);
  intent.payment_method = paymentMethod.object.id;
  if (request.receiptEmail !== undefined) intent.receipt_email = request.receiptEmail;
  const charge = chargeFor(intent, paymentMethod, context.nowSeconds());
  context.store.charges.set(charge.id, charge);
  intent.latest_charge = charge.id;
  const decline = paymentMethod.card.decline;
  if (decline) fail(context, intent, charge, paymentMethod, decline);
  succeed(context, intent, charge);
}

function assertConfirmable(intent: Stripe.PaymentIntent): void {
  if (CONFIRMABLE.includes(intent.status)) return;
  const message =
    intent.status === 'succeeded'
      ? 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.'
      : `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`;
  throw stateError(message, 'payment_intent_unexpected_state', { payment_intent: structuredClone(intent) });
}

/**
 * Since API 2023-08-16 an intent with automatic payment methods may need a redirect, so Stripe
 * refuses to confirm it without `return_url` unless redirects were turned off.
 */
export function assertReturnUrl(intent: Stripe.PaymentIntent, returnUrl: string | undefined): void {
  const automatic = intent.automatic_payment_methods;
  // Cards never redirect, so a card-only allow-list needs no return_url.
  const cardOnly = intent.allowed_payment_method_types?.every((type) => type === 'card') ?? false;
  if (!automatic?.enabled || automatic.allow_redirects === 'never' || cardOnly || returnUrl) return;
  throw invalidParam(
    'return_url',
    'A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.',
  );
}

function attachedPaymentMethod(context: HandlerContext, intent: Stripe.PaymentIntent): SimPaymentMethod {
  const id = typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id;
  const stored = id ? context.store.paymentMethods.get(id) : undefined;
  if (stored) return stored;
  throw stateError(
    "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
    'payment_intent_unexpected_state',
    { payment_intent: structuredClone(intent) },
  );
}

function succeed(context: HandlerContext, intent: Stripe.PaymentIntent, charge: Stripe.Charge): void {
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  intent.last_payment_error = null;
  context.emit('charge.succeeded', charge);
  context.emit('payment_intent.succeeded', intent);
}

function fail(
  context: HandlerContext,
  intent: Stripe.PaymentIntent,
  charge: Stripe.Charge,
  paymentMethod: SimPaymentMethod,
  decline: Decline,
): never {
  const error = declineError(charge, paymentMethod, decline);
  intent.status = 'requires_payment_method';
  intent.last_payment_error = { type: 'card_error', ...error } as Stripe.PaymentIntent.LastPaymentError;
  intent.payment_method = null;
  context.emit('charge.failed', charge);
  context.emit('payment_intent.payment_failed', intent);
  throw cardError({ ...error, payment_intent: structuredClone(intent) });
}

function declineError(charge: Stripe.Charge, paymentMethod: SimPaymentMethod, decline: Decline) {
  return {
    charge: charge.id,
    code: decline.code,
    decline_code: decline.declineCode,
    doc_url: docUrl(decline.code),
    message: decline.message,
    payment_method: structuredClone(paymentMethod.object),
  };
}
