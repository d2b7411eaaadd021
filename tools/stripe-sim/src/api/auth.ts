// Secret-key authentication. Only test-mode keys are accepted, so a live key pointed at the
// simulator by mistake fails loudly instead of looking like it worked.
import { authenticationError, type StripeApiError } from './errors';

const TEST_KEY = /^(sk|rk)_test_[A-Za-z0-9_]+$/;

const NO_KEY_MESSAGE =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

export type AuthResult = { apiKey: string } | { error: StripeApiError };

export function authenticate(authorization: string | undefined): AuthResult {
  const key = keyFromHeader(authorization);
  if (!key) return { error: authenticationError(NO_KEY_MESSAGE) };
  if (!TEST_KEY.test(key)) return { error: authenticationError(`Invalid API Key provided: ${mask(key)}`) };
  return { apiKey: key };
}

/** Stripe takes the key as a Bearer token or as the Basic-auth user name. */
function keyFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return undefined;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic') return Buffer.from(value, 'base64').toString('utf8').split(':')[0] || undefined;
  return undefined;
}

function mask(key: string): string {
  const underscore = key.indexOf('_', key.indexOf('_') + 1);
  const prefix = underscore > 0 ? key.slice(0, underscore + 1) : '';
  const tail = key.length - prefix.length > 4 ? key.slice(-4) : '';
  return `${prefix}${'*'.repeat(Math.max(key.length - prefix.length - tail.length, 4))}${tail}`;
}
