import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { openTestPostgres, type TestDb } from '@ticketing/common/testing/index';
import { createStripeSimulator, type StripeSimulator } from '@ticketing/stripe-sim';
import { stripeClient } from '../src/read-provider';
import { formatReport, runAudit } from '../src/run-audit';
import { migrateBoth, seedOrder } from './support/dataset';

// The audit end to end on real PostgreSQL schemas (the services' migrations) and the simulator
// read through the SDK with auto-pagination (more objects than one page).
describe('runAudit on PostgreSQL and the provider', () => {
  let orders: TestDb;
  let payments: TestDb;
  let simulator: StripeSimulator;
  let stripe: Stripe;
  const sources = () => ({ stripe, orders: orders.db, payments: payments.db });
  const dbs = () => ({ stripe, orders: orders.db, payments: payments.db });

  beforeAll(async () => {
    [orders, payments] = await Promise.all([openTestPostgres('audit_orders'), openTestPostgres('audit_payments')]);
    await migrateBoth(orders.db, payments.db);
    simulator = await createStripeSimulator().start();
    stripe = stripeClient({ secretKey: 'sk_test_audit', apiBase: simulator.url });
  });
  afterAll(async () => {
    await simulator?.stop();
    await Promise.all([orders?.close(), payments?.close()]);
  });

  it('a good dataset over several pages: no findings, everything counted', async () => {
    for (let n = 0; n < 110; n++) await seedOrder(dbs(), { status: 'complete', priceCents: 1000 + n, charged: 1000 + n });
    for (let n = 0; n < 5; n++) await seedOrder(dbs(), { status: 'cancelled', priceCents: 500, charged: 500, refund: true });
    for (let n = 0; n < 3; n++) await seedOrder(dbs(), { status: 'refunded', priceCents: 4200, charged: 4200, refund: true });
    await seedOrder(dbs(), { status: 'created', priceCents: 800 });
    const report = await runAudit(sources());
    expect(report.findings).toEqual([]);
    expect(report.counts).toEqual({ paymentIntents: 118, charges: 118, refunds: 8, orders: 119, payments: 118 });
    expect(report.sales).toEqual({ complete: 110, refunded: 3 });
    expect(formatReport(report)).toContain('no findings; 110 sales, 3 orders refunded (event cancelled)');
  });

  it('finds each kind: money kept, a complete order unpaid, a wrong amount, a refund of a complete order, a refunded order not refunded', async () => {
    const kept = await seedOrder(dbs(), { status: 'cancelled', priceCents: 700, charged: 700 });
    const notRefunded = await seedOrder(dbs(), { status: 'refunded', priceCents: 600, charged: 600 });
    const unpaid = await seedOrder(dbs(), { status: 'complete', priceCents: 900 });
    const wrong = await seedOrder(dbs(), { status: 'complete', priceCents: 50_000, charged: 1_000 });
    const refunded = await seedOrder(dbs(), { status: 'complete', priceCents: 300, charged: 300, refund: true });
    const findings = (await runAudit(sources())).findings;
    const about = (orderId: string) => findings.filter((finding) => finding.message.includes(orderId)).map((finding) => finding.kind).sort();
    expect(about(kept.orderId)).toEqual(['charge-kept']);
    expect(about(unpaid.orderId)).toEqual(['complete-order-charges']);
    expect(about(wrong.orderId)).toEqual(['amount-mismatch', 'amount-mismatch']);
    expect(about(refunded.orderId)).toEqual(['complete-order-charges', 'refund-without-cancel']);
    expect(about(notRefunded.orderId)).toEqual(['charge-kept', 'refunded-order-not-refunded']);
    expect(findings).toHaveLength(8);
  });
});
