// The Stripe adapter as main.ts builds it from the environment.
import type { PaymentsConfig } from '../config';
import type { PaymentProvider } from './payment-provider.port';
import { createStripeProvider } from './stripe.provider';

export function stripeProviderFromConfig(config: PaymentsConfig): PaymentProvider {
  return createStripeProvider({
    secretKey: config.STRIPE_SECRET_KEY,
    apiBase: config.STRIPE_API_BASE,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    maxNetworkRetries: 2,
    timeoutMs: 10_000,
  });
}
