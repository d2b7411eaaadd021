// One audit: read both sides, apply the rules, report. Used by `npm run audit` and by the tests that
// end with it (chaos, the pay/expire race, bench P4/P7).
import type { Queryable } from '@ticketing/common';
import type Stripe from 'stripe';
import { auditLedger, type Finding } from './findings';
import { readOrders, readPayments } from './read-databases';
import { readProvider } from './read-provider';

export interface AuditSources {
  stripe: Stripe;
  orders: Queryable;
  payments: Queryable;
}

export interface AuditReport {
  counts: { paymentIntents: number; charges: number; refunds: number; orders: number; payments: number };
  /** Complete orders (each paid by one charge it keeps); refunded orders are not sales, their money went back. */
  sales: { complete: number; refunded: number };
  findings: Finding[];
}

export async function runAudit(sources: AuditSources): Promise<AuditReport> {
  const [provider, orders, payments] = await Promise.all([readProvider(sources.stripe), readOrders(sources.orders), readPayments(sources.payments)]);
  const findings = auditLedger({ charges: provider.charges, refunds: provider.refunds, orders, payments });
  return {
    counts: { paymentIntents: provider.paymentIntents, charges: provider.charges.length, refunds: provider.refunds.length, orders: orders.length, payments: payments.length },
    sales: { complete: countStatus(orders, 'complete'), refunded: countStatus(orders, 'refunded') },
    findings,
  };
}

function countStatus(orders: Array<{ status: string }>, status: string): number {
  return orders.filter((order) => order.status === status).length;
}

export function formatReport(report: AuditReport): string {
  const { counts } = report;
  const read = `read ${counts.paymentIntents} PaymentIntents, ${counts.charges} charges, ${counts.refunds} refunds; ${counts.orders} orders, ${counts.payments} payments`;
  const sales = `${report.sales.complete} sales, ${report.sales.refunded} orders refunded (event cancelled)`;
  if (report.findings.length === 0) return `money audit: ${read}: no findings; ${sales}`;
  return [`money audit: ${read}: ${report.findings.length} findings; ${sales}`, ...report.findings.map((finding) => `  [${finding.kind}] ${finding.message}`)].join('\n');
}
