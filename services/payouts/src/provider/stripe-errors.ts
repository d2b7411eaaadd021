// How a failed Stripe request is classified (as payments does it): a wait (retry later with the
// same idempotency key) or a final answer. Stripe documents 409 (the same key still in flight),
// 429 and 5xx as retryable; a connection error or a timeout leaves the outcome unknown.
import { isRetryableStripeError } from '@ticketing/common/stripe/stripe-client';
import { ProviderRejected, ProviderUnavailable } from './payouts-provider.port';

export function providerError(what: string, error: unknown): ProviderUnavailable | ProviderRejected {
  const message = `${what}: ${(error as Error)?.message ?? String(error)}`;
  return isRetryableStripeError(error) ? new ProviderUnavailable(message, { cause: error }) : new ProviderRejected(message, { cause: error });
}
