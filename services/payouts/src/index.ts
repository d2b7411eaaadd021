export { createPayoutsService, type PayoutsServiceDeps } from './app';
export { payoutsConfigSchema, type PayoutsConfig, type PayoutsSettings } from './config';
export { createStripeConnectProvider, type StripeConnectOptions } from './provider/stripe-connect.provider';
export { stripeConnectProviderFromConfig } from './provider/stripe-from-config';
export { createReleaseScheduler, RELEASE_QUEUE, RELEASE_TIMERS_TABLE } from './scheduler/create-scheduler';
export * from './provider/payouts-provider.port';
