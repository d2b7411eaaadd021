export { createPaymentsService, type PaymentsServiceDeps } from './app';
export { paymentsConfigSchema, type PaymentsConfig } from './config';
export { createStripeProvider, type StripeProviderOptions } from './provider/stripe.provider';
export { stripeProviderFromConfig } from './provider/stripe-from-config';
export * from './provider/payment-provider.port';
