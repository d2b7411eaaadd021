export { createStripeSimulator, DEFAULT_WEBHOOK_EVENTS } from './simulator';
export type { StripeSimulator, StripeSimulatorOptions, TransferFilter } from './simulator';
export type { FailNextOptions, FaultStage, FaultStatus } from './faults';
export type { InspectionFilter } from './domain/inspection';
export type { WebhookDelivery, WebhookRetryOptions } from './webhooks/dispatcher';
export type { BalanceChange } from './domain/connect/balance-adjustments';
export { ACCOUNT_LINK_TTL_SECONDS, ONBOARDING_PATH } from './domain/connect/account-links';
export { DEFAULT_API_VERSION } from './api/api-version';
