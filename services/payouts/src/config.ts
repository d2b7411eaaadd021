// The payouts process's environment: the shared variables, the hold and fee rules, Stripe (as
// payments has it) plus the Connect webhook secret, and where release timers live.
import { baseConfigShape, env } from '@ticketing/common';
import { z } from 'zod';

export const payoutsConfigSchema = z.object({
  ...baseConfigShape('payouts'),
  /** Hours after the event's start (or the sale, without an event) before a sale is paid out; decimals for tests. */
  PAYOUT_HOLD_HOURS: z.coerce.number().min(0).default(48),
  /** The platform's fee in percent of the gross, up to two decimals (kept as basis points). */
  PLATFORM_FEE_PERCENT: z.coerce.number().min(0).max(100).default(5)
    .refine((percent) => Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-9, { error: 'at most two decimals' }),
  STRIPE_SECRET_KEY: env.string('sk_test_simulator'),
  /** The Stripe simulator by default; https://api.stripe.com with a real key. */
  STRIPE_API_BASE: env.url('http://127.0.0.1:12111'),
  /** Signature secret of Connect webhooks (the simulator's connectWebhookUrl); without it every webhook is 400. */
  STRIPE_CONNECT_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Where Account Links send the seller back (the web client's /payouts page lives under it). */
  PAYOUTS_WEB_URL: env.url('http://localhost:3000'),
  /** bullmq: delayed jobs on Redis (infra mode). db: timers in this service's database (embedded mode). */
  PAYOUTS_SCHEDULER: z.enum(['bullmq', 'db']).default('bullmq'),
  REDIS_URL: env.url('redis://127.0.0.1:6379'),
});

export type PayoutsConfig = z.infer<typeof payoutsConfigSchema>;

/** What the payouts factory reads from the configuration; the embedded launcher and tests pass these. */
export type PayoutsSettings = Pick<PayoutsConfig, 'PAYOUT_HOLD_HOURS' | 'PLATFORM_FEE_PERCENT' | 'PAYOUTS_WEB_URL'>;
