// How a failed Stripe request is classified (as payments does it): a wait (retry later with the
// same idempotency key) or a final answer. Stripe documents 409 (the same key still in flight),
// 429 and 5xx as retryable; a connection error or a timeout leaves the outcome unknown.
import Stripe from 'stripe';
import { ProviderRejected, ProviderUnavailable } from './payouts-provider.port';

export function isRetryableStripeError(error: unknown): boolean {
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeRateLimitError) return true;
  if (error instanceof Stripe.errors.StripeAPIError) return true;
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode;
    return status === undefined || status === 409 || status === 429 || status >= 500;
  }
  return true; // not an answer from Stripe at all
}

export function providerError(what: string, error: unknown): ProviderUnavailable | ProviderRejected {
  const message = `${what}: ${(error as Error)?.message ?? String(error)}`;
  return isRetryableStripeError(error) ? new ProviderUnavailable(message, { cause: error }) : new ProviderRejected(message, { cause: error });
}
