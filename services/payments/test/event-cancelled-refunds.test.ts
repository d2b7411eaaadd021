// Issue 15 from payments' side: an event cancelled makes its buyers whole. Orders publishes
// order:cancelled { reason: 'event-cancelled' } for every order of the event — at version 2 for a
// paid order (complete, then refunded), version 1 for an unpaid one — and payments must give every
// charge back in full through refunds_due → the refund worker → payment:refunded, including a
// charge that is in flight at that moment, and must not charge an order it knows is cancelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnvelope } from '@ticketing/common';
import { waitFor } from '@ticketing/common/testing/index';
import { auditLedger, readPayments, readProvider, stripeClient } from '@ticketing/audit';
import { paymentRows, startPaymentsHarness, type Harness } from './support/payments-harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('order:cancelled because the event was cancelled', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPaymentsHarness(); });
  afterAll(async () => { await h?.close(); });

  const eventCancelled = (orderId: string, version: number) =>
    makeEnvelope('order:cancelled', { id: orderId, version, ticket: { id: crypto.randomUUID() }, reason: 'event-cancelled' });
  const refundedEvent = (orderId: string) => h.published('payment:refunded').find((envelope) => envelope.data.orderId === orderId);
  const replicaStatus = async (orderId: string) =>
    (await h.testDb.db.query<{ status: string; version: number }>('SELECT status, version FROM orders WHERE id = $1', [orderId]))[0];
  /** No attempt pending and no refund owed for these orders: everything settled. */
  const settled = (orderIds: string[]) => waitFor(async () => {
    const [row] = await h.testDb.db.query<{ open: number }>(
      `SELECT count(*)::int4 AS open FROM payments p
       WHERE p.order_id = ANY($1) AND (p.status = 'pending' OR EXISTS (SELECT 1 FROM refunds_due d WHERE d.payment_id = p.id))`, [orderIds]);
    return row.open === 0;
  }, { timeoutMs: 30_000, what: 'every payment settled and every refund made' });

  it('10 paid orders of a cancelled event, cancelled in one batch: each charge refunded in full, one payment:refunded each', async () => {
    const buyer = await h.sessions.newUser();
    const orders = await Promise.all(Array.from({ length: 10 }, (_, n) => h.createOrder(buyer.id, { price: 40 + n })));
    const paid = [];
    for (const orderId of orders) {
      const answer = await h.pay(buyer.cookie, { orderId, token: 'pm_card_visa' });
      expect(answer.status).toBe(201);
      paid.push(answer.body);
    }

    await h.bus.publish(orders.map((orderId) => ({ envelope: eventCancelled(orderId, 2), headers: {} })));

    await waitFor(() => orders.every((orderId) => refundedEvent(orderId)), { timeoutMs: 30_000, what: 'a payment:refunded per order' });
    for (const [n, orderId] of orders.entries()) {
      const charges = h.sim.charges({ metadata: { orderId } });
      expect(charges).toHaveLength(1);
      expect(charges[0]).toMatchObject({ amount: 4000 + n * 100, amount_refunded: 4000 + n * 100, refunded: true });
      const refunds = h.sim.refunds({ payment_intent: paid[n].stripeId });
      expect(refunds).toHaveLength(1);
      expect(refunds[0].amount).toBe(4000 + n * 100);
      expect(refundedEvent(orderId)!.data).toEqual({
        id: paid[n].id, orderId, stripeId: paid[n].stripeId, refundId: refunds[0].id, amount: 4000 + n * 100, currency: 'usd',
      });
      expect(await replicaStatus(orderId)).toEqual({ status: 'cancelled', version: 2 });
      expect((await paymentRows(h, orderId)).map((row) => row.status)).toEqual(['refunded']);
    }
    await sleep(200);
    expect(h.published('payment:refunded').filter((envelope) => orders.includes(envelope.data.orderId))).toHaveLength(10);
  });

  it('a buyer paying at the moment the event is cancelled: the cancellation waits for the charge, then refunds it', async () => {
    const buyer = await h.sessions.newUser();
    const orderId = await h.createOrder(buyer.id);
    h.sim.delayNext(1, 700);
    const paying = h.pay(buyer.cookie, { orderId, token: 'pm_card_visa' });
    await sleep(150);

    await h.bus.publish([{ envelope: eventCancelled(orderId, 1), headers: {} }]);
    await sleep(250);
    // Held back (NotReadyYet) while the charge is in flight, so its outcome is seen.
    expect(await replicaStatus(orderId)).toEqual({ status: 'created', version: 0 });

    const paid = await paying;
    expect(paid.status).toBe(201);
    await waitFor(() => refundedEvent(orderId), { what: 'payment:refunded' });
    expect(h.sim.charges({ metadata: { orderId } })[0]).toMatchObject({ amount: 2000, amount_refunded: 2000 });
    expect(await replicaStatus(orderId)).toEqual({ status: 'cancelled', version: 1 });
    expect((await paymentRows(h, orderId)).map((row) => row.status)).toEqual(['refunded']);
  });

  it('a buyer paying after the cancellation reached payments is refused and never charged', async () => {
    const buyer = await h.sessions.newUser();
    const orderId = await h.createOrder(buyer.id);
    await h.bus.publish([{ envelope: eventCancelled(orderId, 1), headers: {} }]);
    await waitFor(async () => (await replicaStatus(orderId))?.status === 'cancelled', { what: 'replica cancelled' });

    const answer = await h.pay(buyer.cookie, { orderId, token: 'pm_card_visa' });
    expect(answer).toEqual({ status: 400, body: { errors: [{ message: 'Cannot pay for a cancelled order' }] } });
    expect(h.sim.charges({ metadata: { orderId } })).toEqual([]);
  });

  it('30 buyers paying while the event is cancelled: every charge is refunded in full or never made; the audit is clean', { timeout: 90_000 }, async () => {
    const buyers = await Promise.all(Array.from({ length: 5 }, () => h.sessions.newUser()));
    const orders = await Promise.all(Array.from({ length: 30 }, async (_, n) => ({ n, buyer: buyers[n % 5], id: await h.createOrder(buyers[n % 5].id, { price: 15 + n }) })));
    const answers = await Promise.all(orders.map(async (order) => {
      if (order.n % 4 === 0) h.sim.delayNext(1, 100 + (order.n % 5) * 50);
      // The payment up to 250 ms after the cancellation, with it, or the cancellation up to 75 ms after.
      const skew = (order.n % 6) * 15;
      const pay = sleep(order.n % 2 === 0 ? skew * 3.4 : 0).then(() => h.pay(order.buyer.cookie, { orderId: order.id, token: 'pm_card_visa' }));
      // What orders would publish: version 2 if the payment completed the order first, else 1 (payments
      // applies either, cancelled being final).
      const cancel = sleep(order.n % 2 === 1 ? skew : 0).then(() => h.bus.publish([{ envelope: eventCancelled(order.id, 1 + (order.n % 2)), headers: {} }]));
      const [answer] = await Promise.all([pay, cancel]);
      return { order, answer };
    }));
    await waitFor(async () => {
      const [row] = await h.testDb.db.query<{ n: number }>("SELECT count(*)::int4 AS n FROM orders WHERE id = ANY($1) AND status = 'cancelled'", [orders.map((order) => order.id)]);
      return row.n === orders.length;
    }, { timeoutMs: 30_000, what: 'every cancellation applied' });
    await settled(orders.map((order) => order.id));

    let refundedAfterPaying = 0;
    for (const { order, answer } of answers) {
      expect([201, 400]).toContain(answer.status);
      const charges = h.sim.charges({ metadata: { orderId: order.id } }).filter((charge) => charge.status === 'succeeded');
      expect(charges.length).toBeLessThanOrEqual(1);
      for (const charge of charges) expect(charge.amount_refunded).toBe(charge.amount);
      if (answer.status === 201) {
        refundedAfterPaying++;
        expect(charges).toHaveLength(1);
      } else {
        expect(answer.body).toEqual({ errors: [{ message: 'Cannot pay for a cancelled order' }] });
      }
    }
    console.info(`event cancelled while paying: ${refundedAfterPaying} paid then refunded, ${answers.length - refundedAfterPaying} refused`);

    // The audit over these orders, as orders would hold them: refunded when they were paid, else cancelled.
    const ids = new Set(orders.map((order) => order.id));
    const provider = await readProvider(stripeClient({ secretKey: 'sk_test_audit', apiBase: h.sim.url }));
    const charged = new Set(provider.charges.filter((charge) => charge.status === 'succeeded').map((charge) => charge.orderId));
    const replica = await h.testDb.db.query<{ id: string; priceCents: number }>('SELECT id, price_cents AS "priceCents" FROM orders WHERE id = ANY($1)', [[...ids]]);
    const findings = auditLedger({
      charges: provider.charges.filter((charge) => charge.orderId && ids.has(charge.orderId)),
      refunds: provider.refunds.filter((refund) => provider.charges.some((charge) => charge.id === refund.charge && charge.orderId && ids.has(charge.orderId))),
      orders: replica.map((order) => ({ ...order, status: charged.has(order.id) ? 'refunded' : 'cancelled' })),
      payments: (await readPayments(h.testDb.db)).filter((payment) => ids.has(payment.orderId)),
    });
    expect(findings).toEqual([]);
  });
});
