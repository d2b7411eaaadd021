// How a failed Stripe request is classified: a wait (retry later with the same idempotency key)
// or a final answer. Stripe documents 409 (the same key still in flight), 429 and 5xx as
// retryable; a connection error or a timeout leaves the outcome unknown, so it is retried too.
import Stripe from 'stripe';
import { isRetryableStripeError } from '@ticketing/common/stripe/stripe-client';
import { ProviderRejected, ProviderUnavailable } from './payment-provider.port';

/** The port's error for a failed request: ProviderUnavailable (a wait) or ProviderRejected (final). */
export function providerError(what: string, error: unknown): ProviderUnavailable | ProviderRejected {
  const message = `${what}: ${(error as Error)?.message ?? String(error)}`;
  if (isRetryableStripeError(error)) return new ProviderUnavailable(message, { cause: error });
  return new ProviderRejected(message, rejectionReason(error), { cause: error });
}

/**
 * `invalid_request_error` (amount_too_small, amount_too_large, a parameter refused) is about the
 * request; authentication, permission and idempotency errors are about how we call Stripe.
 */
function rejectionReason(error: unknown): 'invalid-request' | 'account' {
  return error instanceof Stripe.errors.StripeInvalidRequestError ? 'invalid-request' : 'account';
}
