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
});

export type PaymentsConfig = z.infer<typeof paymentsConfigSchema>;
