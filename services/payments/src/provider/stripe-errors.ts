// How a failed Stripe request is classified: a wait (retry later with the same idempotency key)
// or a final answer. Stripe documents 409 (the same key still in flight), 429 and 5xx as
// retryable; a connection error or a timeout leaves the outcome unknown, so it is retried too.
import Stripe from 'stripe';
import { ProviderRejected, ProviderUnavailable } from './payment-provider.port';

export function isRetryableStripeError(error: unknown): boolean {
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeRateLimitError) return true;
  if (error instanceof Stripe.errors.StripeAPIError) return true; // 409 in progress, 5xx, unknown statuses
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode;
    return status === undefined || status === 409 || status === 429 || status >= 500;
  }
  return true; // not an answer from Stripe at all (a socket error the SDK did not wrap)
}

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
