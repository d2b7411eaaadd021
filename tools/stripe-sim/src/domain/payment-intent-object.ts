// A new PaymentIntent, shaped like Stripe's for the API version the request asked for.
import type Stripe from 'stripe';
import { automaticPaymentMethodsByDefault, defaultCaptureMethod } from '../api/api-version';
import type { Money } from '../api/amount';
import { newId, randomToken } from './ids';

export interface PaymentIntentInit extends Money {
  metadata: Record<string, string>;
  description: string | null;
  receiptEmail: string | null;
  statementDescriptorSuffix: string | null;
  transferGroup: string | null;
  captureMethod: 'automatic' | 'automatic_async' | undefined;
  paymentMethodTypes: string[] | undefined;
  allowedPaymentMethodTypes: string[] | undefined;
  automaticPaymentMethods: Stripe.PaymentIntent.AutomaticPaymentMethods | undefined;
  paymentMethodId: string | null;
}

export function paymentIntentObject(init: PaymentIntentInit, apiVersion: string, created: number): Stripe.PaymentIntent {
  const id = newId('pi');
  const automatic = automaticPaymentMethods(init, apiVersion);
  return {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: (init.allowedPaymentMethodTypes as Stripe.PaymentIntent.AllowedPaymentMethodType[]) ?? null,
    amount: init.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: automatic,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: init.captureMethod ?? defaultCaptureMethod(apiVersion),
    // Stripe's format: the intent id, "_secret_", and a random part.
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: 'automatic',
    created,
    currency: init.currency,
    customer: null,
    customer_account: null,
    description: init.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: init.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: init.paymentMethodId,
    payment_method_configuration_details: automatic ? { id: 'pmc_simulator_default', parent: null } : null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: init.paymentMethodTypes ?? init.allowedPaymentMethodTypes ?? ['card'],
    payment_record: null,
    processing: null,
    receipt_email: init.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: init.statementDescriptorSuffix,
    status: init.paymentMethodId ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: init.transferGroup,
  };
}

/** An explicit list of types switches automatic payment methods off; otherwise the version decides. */
function automaticPaymentMethods(init: PaymentIntentInit, apiVersion: string): Stripe.PaymentIntent.AutomaticPaymentMethods | null {
  if (init.automaticPaymentMethods) return init.automaticPaymentMethods;
  if (init.paymentMethodTypes || init.allowedPaymentMethodTypes) return null;
  return automaticPaymentMethodsByDefault(apiVersion) ? { allow_redirects: 'always', enabled: true } : null;
}
