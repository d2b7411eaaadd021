// R9 / events.md "waiting is not failing": the payment provider unreachable for much longer than
// the bus's retry budget while paid orders are cancelled. Nothing is dead-lettered, and once the
// provider is back every refund is made exactly once. The bus here gives up after 3 failures
// (~0.2 s); the outage lasts 3 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { paymentRows, startPaymentsHarness, type Harness } from './support/payments-harness';

const OUTAGE_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('payment provider down for longer than the retry budget', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startPaymentsHarness({
      fixedSimPort: true,
      busPolicy: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
      refunds: { pollMs: 50, retry: { baseDelayMs: 50, maxDelayMs: 400 } },
    });
  });
  afterAll(async () => { await h?.close(); });

  const refundsDue = async () => (await h.testDb.db.query<{ paymentId: string; attempts: number }>(
    'SELECT payment_id AS "paymentId", attempts FROM refunds_due')).map((row) => row);

  it('refunds every cancelled paid order exactly once after it returns; nothing dead-lettered', { timeout: 60_000 }, async () => {
    const user = await h.sessions.newUser();
    const paidOrder = await h.createOrder(user.id);
    const paid = await h.pay(user.cookie, { orderId: paidOrder, token: 'pm_card_visa' });
    expect(paid.status).toBe(201);
    // Charged, but the answer was lost: its outcome is unknown until someone asks again.
    const unknownOrder = await h.createOrder(user.id);
    h.sim.failNext(3, 'network', { stage: 'after' });
    expect((await h.pay(user.cookie, { orderId: unknownOrder, token: 'pm_card_visa' })).status).toBe(503);

    await h.sim.stop();
    await h.cancelOrder(paidOrder);
    await h.cancelOrder(unknownOrder);
    await sleep(OUTAGE_MS);

    // Meanwhile: the cancellations are applied, the refunds are owed and being retried, not given up.
    const replica = await h.testDb.db.query<{ status: string }>('SELECT status FROM orders WHERE id = ANY($1)', [[paidOrder, unknownOrder]]);
    expect(replica.map((row) => row.status)).toEqual(['cancelled', 'cancelled']);
    const owed = await refundsDue();
    expect(owed).toHaveLength(2);
    for (const refund of owed) expect(refund.attempts).toBeGreaterThanOrEqual(2); // each attempt is the SDK's 3 tries
    expect(await h.bus.deadLetters.list()).toEqual([]);

    await h.sim.start();
    for (const orderId of [paidOrder, unknownOrder]) {
      await waitFor(() => h.published('payment:refunded').some((envelope) => envelope.data.orderId === orderId), { timeoutMs: 10_000, what: `refund of ${orderId}` });
    }
    await waitFor(async () => (await refundsDue()).length === 0, { what: 'no refund still due' });
    await sleep(300);

    for (const orderId of [paidOrder, unknownOrder]) {
      const charges = h.sim.charges({ metadata: { orderId } });
      expect(charges).toHaveLength(1);
      expect(charges[0]).toMatchObject({ refunded: true });
      expect(h.sim.refunds({ payment_intent: charges[0].payment_intent as string })).toHaveLength(1);
      expect(h.published('payment:refunded').filter((envelope) => envelope.data.orderId === orderId)).toHaveLength(1);
      expect((await paymentRows(h, orderId)).map((row) => row.status)).toEqual(['refunded']);
    }
    expect(await h.bus.deadLetters.list()).toEqual([]);
  });
});
