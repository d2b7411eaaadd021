// Environment of the payments service.
import { baseConfigShape, env } from '@ticketing/common';
import { z } from 'zod';

export const paymentsConfigSchema = z.object({
  ...baseConfigShape('payments'),
  STRIPE_SECRET_KEY: env.string('sk_test_simulator'),
  /** The Stripe simulator by default; https://api.stripe.com with a real key. */
  STRIPE_API_BASE: env.url('http://127.0.0.1:12111'),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  PAYMENTS_CURRENCY: env.string('usd').transform((currency) => currency.toLowerCase()),
  /**
   * How long after a charge Stripe's search may still not show it (usually under a minute). A
   * lookup of an unknown attempt that finds nothing is taken as "never charged" only after this.
   */
  STRIPE_SEARCH_LAG_SECONDS: z.coerce.number().int().min(0).default(600),
  /** Failed payments (declines) allowed per order within the window, and per user; then 429. */
  PAYMENTS_FAILED_PER_ORDER: env.int(5),
  PAYMENTS_FAILED_PER_ORDER_WINDOW_SECONDS: env.int(600),
  PAYMENTS_FAILED_PER_USER: env.int(10),
  PAYMENTS_FAILED_PER_USER_WINDOW_SECONDS: env.int(3_600),
  /** Where replicas share the failed-payment counters (infra mode, Kubernetes); unset → in memory. */
  REDIS_URL: z.string().url().optional(),
});

/** What the payments factory reads from the configuration; the embedded launcher and tests pass these. */
export type PaymentsSettings = Pick<PaymentsConfig,
  'PAYMENTS_CURRENCY' | 'STRIPE_SEARCH_LAG_SECONDS' | 'PAYMENTS_FAILED_PER_ORDER' | 'PAYMENTS_FAILED_PER_ORDER_WINDOW_SECONDS'
  | 'PAYMENTS_FAILED_PER_USER' | 'PAYMENTS_FAILED_PER_USER_WINDOW_SECONDS'>;

export type PaymentsConfig = z.infer<typeof paymentsConfigSchema>;
