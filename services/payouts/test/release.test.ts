// Release: a paid sale is held until its payable time, then transferred to an onboarded seller
// through the simulator — or kept payable until the seller finishes onboarding.
import { waitFor } from '@ticketing/common/testing/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPayoutsHarness, type Harness } from './support/payouts-harness';

describe('release', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPayoutsHarness(); });
  afterAll(async () => { await h?.close(); });

  it('an onboarded seller is paid the net after the hold, with the sale\'s group, charge and key', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    const accountId = await h.onboard(seller);
    const payment = await h.sell(seller, buyer, { amountCents: 2550 });
    expect((await h.sale(payment.orderId))?.state).toBe('held');
    const sale = await h.waitForState(payment.orderId, 'transferred');
    expect(sale).toMatchObject({ grossCents: 2550, feeCents: 128, netCents: 2422 });
    const [transfer] = h.sim.transfers().filter((t) => t.transfer_group === payment.orderId);
    expect(transfer).toMatchObject({
      id: sale.transferId, amount: 2422, currency: 'usd', destination: accountId, source_transaction: payment.chargeId,
      metadata: { saleId: payment.orderId },
    });
    await h.expectLedgerBalanced();
  });

  it('a seller who has not onboarded is payable ("finish setting up"), and paid once onboarding completes', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    const payment = await h.sell(seller, buyer);
    await h.waitForState(payment.orderId, 'payable');
    const page = await h.get(seller.cookie, '/api/payouts');
    expect(page.body).toMatchObject({ account: { status: 'none' }, totals: { payable: 19, held: 0, transferred: 0 } });
    expect(page.body.sales[0]).toMatchObject({ orderId: payment.orderId, state: 'payable', why: 'Finish setting up payouts to be paid' });

    const accountId = await h.startOnboarding(seller);
    expect((await h.get(seller.cookie, '/api/payouts')).body.account.status).toBe('pending');
    h.sim.completeOnboarding(accountId);
    await h.waitForState(payment.orderId, 'transferred');
    expect(h.sim.transfers().filter((t) => t.transfer_group === payment.orderId)).toHaveLength(1);
    const after = await h.get(seller.cookie, '/api/payouts');
    expect(after.body).toMatchObject({ account: { status: 'enabled' }, totals: { payable: 0, transferred: 19 } });
    expect(after.body.sales[0].timeline.map((step: { state: string }) => step.state)).toEqual(['charged', 'held', 'payable', 'payable', 'transferred']);
    await h.expectLedgerBalanced();
  });

  it('a sale for an event is held until the event starts plus the hold, and follows the event when it moves', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    await h.onboard(seller);
    const event = await h.createEvent(new Date(Date.now() + 3_600_000));
    const payment = await h.sell(seller, buyer, { eventId: event.id });
    const held = await h.sale(payment.orderId);
    expect(new Date(held!.payableAt).getTime()).toBe(Date.parse(event.startsAt) + 2_000);
    // The event is brought forward to now: the sale is released two seconds later.
    await h.publish('event:updated', { ...event, version: 1, startsAt: new Date().toISOString() });
    await h.waitForState(payment.orderId, 'transferred');
    await h.expectLedgerBalanced();
  });

  it('a payment that arrives before its order and ticket waits for them, then is booked once', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    const ticketId = crypto.randomUUID();
    const orderId = crypto.randomUUID();
    const payment = await h.pay(orderId, 2000);
    await h.paymentCreated(payment); // delivered twice
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await h.sale(orderId)).toBeUndefined();
    await h.publish('order:created', {
      id: orderId, version: 0, status: 'created', userId: buyer.id, expiresAt: new Date(Date.now() + 60_000).toISOString(), ticket: { id: ticketId, price: 20 },
    });
    await h.publish('ticket:created', { id: ticketId, version: 0, title: 'Late', price: 20, userId: seller.id });
    await waitFor(() => h.sale(orderId), { what: 'the sale booked' });
    await h.waitForState(orderId, 'payable');
    const charges = await h.testDb.db.query("SELECT count(DISTINCT movement_id)::int AS n FROM ledger_entries WHERE order_id = $1 AND movement = 'charge'", [orderId]);
    expect(charges[0]).toEqual({ n: 1 });
    await h.expectLedgerBalanced();
  });

  it('the provider down at release is a wait: the sale stays payable, then is transferred exactly once', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    await h.onboard(seller);
    const payment = await h.sell(seller, buyer);
    h.sim.failNext(4, 503); // the next calls are the transfer's attempts
    await h.waitForState(payment.orderId, 'transferred', 20_000);
    const jobs = await h.testDb.db.query('SELECT 1 FROM payout_jobs WHERE order_id = $1', [payment.orderId]);
    expect(jobs).toHaveLength(0);
    expect(h.sim.transfers().filter((t) => t.transfer_group === payment.orderId)).toHaveLength(1);
    await h.expectLedgerBalanced();
  });

  it('an answer lost after the transfer was made is retried with the same key: still one transfer', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    await h.onboard(seller);
    const payment = await h.sell(seller, buyer);
    h.sim.failNext(1, 500, { stage: 'after' }); // the transfer is made, its answer lost
    await h.waitForState(payment.orderId, 'transferred', 20_000);
    expect(h.sim.transfers().filter((t) => t.transfer_group === payment.orderId)).toHaveLength(1);
    await h.expectLedgerBalanced();
  });
});
