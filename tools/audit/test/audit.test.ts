import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { openTestPostgres, type TestDb } from '@ticketing/common/testing/index';
import { createStripeSimulator, type StripeSimulator } from '@ticketing/stripe-sim';
import { stripeClient } from '../src/read-provider';
import { runAudit } from '../src/run-audit';
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
    await seedOrder(dbs(), { status: 'created', priceCents: 800 });
    const report = await runAudit(sources());
    expect(report.findings).toEqual([]);
    expect(report.counts).toEqual({ paymentIntents: 115, charges: 115, refunds: 5, orders: 116, payments: 115 });
  });

  it('finds each kind: money kept, a complete order unpaid, a wrong amount, a refund of a complete order', async () => {
    const kept = await seedOrder(dbs(), { status: 'cancelled', priceCents: 700, charged: 700 });
    const unpaid = await seedOrder(dbs(), { status: 'complete', priceCents: 900 });
    const wrong = await seedOrder(dbs(), { status: 'complete', priceCents: 50_000, charged: 1_000 });
    const refunded = await seedOrder(dbs(), { status: 'complete', priceCents: 300, charged: 300, refund: true });
    const findings = (await runAudit(sources())).findings;
    const about = (orderId: string) => findings.filter((finding) => finding.message.includes(orderId)).map((finding) => finding.kind).sort();
    expect(about(kept.orderId)).toEqual(['charge-kept']);
    expect(about(unpaid.orderId)).toEqual(['complete-order-charges']);
    expect(about(wrong.orderId)).toEqual(['amount-mismatch', 'amount-mismatch']);
    expect(about(refunded.orderId)).toEqual(['complete-order-charges', 'refund-without-cancel']);
    expect(findings).toHaveLength(6);
  });
});
