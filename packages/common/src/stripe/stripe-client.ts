// One way to build the official Stripe SDK's client and to tell a wait from an answer, for every
// process that talks to Stripe (payments, payouts, the audit). STRIPE_API_BASE points it at the
// project's simulator (default) or at https://api.stripe.com.
import Stripe from 'stripe';

export interface StripeClientOptions {
  secretKey: string;
  /** e.g. http://127.0.0.1:12111 (the simulator) or https://api.stripe.com */
  apiBase: string;
  /** SDK retries of failed requests, reusing the same idempotency key. */
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

export function createStripeClient(options: StripeClientOptions): Stripe {
  const url = new URL(options.apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(options.secretKey, {
    host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol,
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 10_000,
    telemetry: false,
  });
}

/**
 * True when a failed request is a wait (retry later with the same idempotency key), false for a
 * final answer. Stripe documents 409 (the same key still in flight), 429 and 5xx as retryable; a
 * connection error or a timeout leaves the outcome unknown, so it is retried too.
 */
export function isRetryableStripeError(error: unknown): boolean {
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeRateLimitError) return true;
  if (error instanceof Stripe.errors.StripeAPIError) return true; // 409 in progress, 5xx, unknown statuses
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode;
    return status === undefined || status === 409 || status === 429 || status >= 500;
  }
  return true; // not an answer from Stripe at all (a socket error the SDK did not wrap)
}
