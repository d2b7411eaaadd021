export { createStripeSimulator, DEFAULT_WEBHOOK_EVENTS } from './simulator';
export type { StripeSimulator, StripeSimulatorOptions } from './simulator';
export type { FailNextOptions, FaultStage, FaultStatus } from './faults';
export type { InspectionFilter } from './domain/inspection';
export type { WebhookDelivery, WebhookRetryOptions } from './webhooks/dispatcher';
export { DEFAULT_API_VERSION } from './api/api-version';
