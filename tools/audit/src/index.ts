export { auditLedger, type Finding, type FindingKind } from './findings';
export type { Ledger } from './ledger';
export { formatReport, runAudit, type AuditReport, type AuditSources } from './run-audit';
export { openEmbeddedSources, openInfraSources, MarketplaceRunning, SIMULATOR_STATE, type OpenSources } from './sources';
export { stripeClient } from './read-provider';
export { readProvider } from './read-provider';
export { readOrders, readPayments } from './read-databases';
export type { OrderRow, PaymentRow } from './ledger';
