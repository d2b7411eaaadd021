// One audit: read both sides (payouts' too where it is deployed), apply the rules, report. Used by
// `npm run audit` and by the tests that end with it (chaos, the pay/expire race, bench P4/P7).
import type { Queryable } from '@ticketing/common';
import type Stripe from 'stripe';
import { auditLedger, type Finding } from './findings';
import type { PayoutsLedger } from './ledger';
import { readOrders, readPayments } from './read-databases';
import { readPayoutsTables } from './read-payouts';
import { readProvider } from './read-provider';
import { readTransfers } from './read-transfers';

export interface AuditSources {
  stripe: Stripe;
  orders: Queryable;
  payments: Queryable;
  /** Payouts' database; without it (or without its tables) the ledger's rules are skipped, saying why. */
  payouts?: Queryable;
}

/** What was read of payouts, or why its rules were skipped. */
export type PayoutsCounts = { sales: number; entries: number; transfers: number; reversals: number } | { skipped: string };

export interface AuditReport {
  counts: { paymentIntents: number; charges: number; refunds: number; orders: number; payments: number };
  /** Complete orders (each paid by one charge it keeps); refunded orders are not sales, their money went back. */
  sales: { complete: number; refunded: number };
  payouts: PayoutsCounts;
  findings: Finding[];
}

export async function runAudit(sources: AuditSources): Promise<AuditReport> {
  const [provider, orders, payments, payouts] = await Promise.all([
    readProvider(sources.stripe), readOrders(sources.orders), readPayments(sources.payments), readPayouts(sources),
  ]);
  const ledger = 'skipped' in payouts ? undefined : payouts;
  const findings = auditLedger({ charges: provider.charges, refunds: provider.refunds, orders, payments, payouts: ledger });
  return {
    counts: { paymentIntents: provider.paymentIntents, charges: provider.charges.length, refunds: provider.refunds.length, orders: orders.length, payments: payments.length },
    sales: { complete: countStatus(orders, 'complete'), refunded: countStatus(orders, 'refunded') },
    payouts: ledger
      ? { sales: ledger.sales.length, entries: ledger.entries.length, transfers: ledger.transfers.length, reversals: ledger.reversals.length }
      : payouts as { skipped: string },
    findings,
  };
}

/** Payouts' tables and, only when they exist, the transfers at the provider (an older deployment made none). */
async function readPayouts(sources: AuditSources): Promise<PayoutsLedger | { skipped: string }> {
  if (!sources.payouts) return { skipped: 'no payouts database given' };
  const tables = await readPayoutsTables(sources.payouts);
  if ('absent' in tables) return { skipped: `payouts is not deployed here: ${tables.absent}` };
  return { ...tables, ...await readTransfers(sources.stripe) };
}

function countStatus(orders: Array<{ status: string }>, status: string): number {
  return orders.filter((order) => order.status === status).length;
}

export function formatReport(report: AuditReport): string {
  const { counts } = report;
  const read = `read ${counts.paymentIntents} PaymentIntents, ${counts.charges} charges, ${counts.refunds} refunds; ${counts.orders} orders, ${counts.payments} payments`;
  const sales = `${report.sales.complete} sales, ${report.sales.refunded} orders refunded (event cancelled)`;
  const { payouts } = report;
  const ledger = 'skipped' in payouts
    ? `payouts ledger: skipped (${payouts.skipped})`
    : `payouts ledger: ${payouts.sales} sales, ${payouts.entries} entries; ${payouts.transfers} transfers, ${payouts.reversals} reversals at the provider`;
  if (report.findings.length === 0) return `money audit: ${read}: no findings; ${sales}\n${ledger}`;
  return [`money audit: ${read}: ${report.findings.length} findings; ${sales}`, ledger, ...report.findings.map((finding) => `  [${finding.kind}] ${finding.message}`)].join('\n');
}
