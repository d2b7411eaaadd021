// The Stripe Connect adapter as main.ts builds it from the environment.
import type { PayoutsConfig } from '../config';
import type { PayoutsProvider } from './payouts-provider.port';
import { createStripeConnectProvider } from './stripe-connect.provider';

export function stripeConnectProviderFromConfig(config: Pick<PayoutsConfig, 'STRIPE_SECRET_KEY' | 'STRIPE_API_BASE' | 'STRIPE_CONNECT_WEBHOOK_SECRET'>): PayoutsProvider {
  return createStripeConnectProvider({
    secretKey: config.STRIPE_SECRET_KEY,
    apiBase: config.STRIPE_API_BASE,
    webhookSecret: config.STRIPE_CONNECT_WEBHOOK_SECRET,
    maxNetworkRetries: 2,
    timeoutMs: 10_000,
  });
}
