// Issue 11 §3: a provider error that is final (amount_too_small, amount_too_large, any other
// invalid_request_error) is a final 4xx for the buyer and a failed attempt — not 503 "try again"
// for ever, and nothing charged or re-charged when the order is cancelled at expiry. The orders
// here come from ticket prices that listing validation refuses now ($0.10, $1,000,000), as a
// replica holding an order from before that validation would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { paymentRows, startPaymentsHarness, type Harness } from './support/payments-harness';

describe('final provider errors', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPaymentsHarness({ busPolicy: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 50 } }); });
  afterAll(async () => { await h?.close(); });

  for (const { price, message } of [
    { price: 0.1, message: 'This order cannot be paid by card: Amount must be at least $0.50 usd' },
    { price: 1_000_000, message: 'This order cannot be paid by card: Amount must be no more than $999,999.99' },
  ]) {
    it(`$${price}: 400 with the provider's reason, a failed attempt, again 400 on a retry; the cancel charges nothing`, async () => {
      const user = await h.sessions.newUser();
      const orderId = await h.createOrder(user.id, { price });

      const first = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' }, `final-${price}`);
      expect(first).toEqual({ status: 400, body: { errors: [{ message }] } }); // before: 503 "try again later"
      expect((await paymentRows(h, orderId)).map((row) => row.status)).toEqual(['failed']);
      expect(await h.pay(user.cookie, { orderId, token: 'pm_card_visa' }, `final-${price}`)).toEqual(first);
      expect((await h.pay(user.cookie, { orderId, token: 'pm_card_visa' })).status).toBe(400);

      await h.cancelOrder(orderId);
      await waitFor(async () => (await h.testDb.db.query("SELECT 1 FROM orders WHERE id = $1 AND status = 'cancelled'", [orderId])).length === 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(h.sim.paymentIntents({ metadata: { orderId } })).toEqual([]);
      expect((await paymentRows(h, orderId)).map((row) => row.status)).toEqual(['failed', 'failed']);
      expect(await h.testDb.db.query('SELECT 1 FROM refunds_due')).toEqual([]);
      expect(await h.bus.deadLetters.list()).toEqual([]);
    });
  }
});
