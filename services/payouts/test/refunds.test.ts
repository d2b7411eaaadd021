// Refunds and reversals, and the races between a refund and a transfer: whichever order they
// arrive in, the buyer's money is back, the seller keeps nothing they should not, each movement is
// written once, and the ledger balances.
import { waitFor } from '@ticketing/common/testing/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPayoutsHarness, type Harness } from './support/payouts-harness';

describe('refunds', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPayoutsHarness(); });
  afterAll(async () => { await h?.close(); });

  const transfersOf = (orderId: string) => h.sim.transfers().filter((transfer) => transfer.transfer_group === orderId);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('a refund before release refunds the sale and nothing is paid out, even after the hold', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    await h.onboard(seller);
    const payment = await h.sell(seller, buyer);
    await h.refund(payment);
    await h.waitForState(payment.orderId, 'refunded');
    await pause(2_500); // past the hold: the release timer finds the sale refunded
    expect((await h.sale(payment.orderId))?.state).toBe('refunded');
    expect(transfersOf(payment.orderId)).toHaveLength(0);
    const view = await h.get(buyer.cookie, `/api/payouts/orders/${payment.orderId}`);
    expect(view.body.timeline.map((step: { state: string }) => step.state)).toEqual(['charged', 'held', 'refunded']);
    await h.expectLedgerBalanced();
  });

  it('a cancelled event before release: its sales are never paid, and its refunds refund them', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    await h.onboard(seller);
    const event = await h.createEvent(new Date(Date.now() + 500));
    const payment = await h.sell(seller, buyer, { eventId: event.id });
    await h.publish('event:cancelled', { ...event, version: 1, status: 'cancelled' });
    await pause(3_000); // the event's start + hold has passed
    expect(await h.sale(payment.orderId)).toMatchObject({ state: 'held', transferId: null });
    const page = await h.get(seller.cookie, '/api/payouts');
    expect(page.body.sales[0].why).toMatch(/cancelled/);
    await h.refund(payment);
    await h.waitForState(payment.orderId, 'refunded');
    expect(transfersOf(payment.orderId)).toHaveLength(0);
    await h.expectLedgerBalanced();
  });

  it('a refund after release reverses the transfer', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    await h.onboard(seller);
    const payment = await h.sell(seller, buyer);
    const transferred = await h.waitForState(payment.orderId, 'transferred');
    await h.refund(payment);
    const reversed = await h.waitForState(payment.orderId, 'reversed');
    expect(reversed).toMatchObject({ debtCents: 0, transferId: transferred.transferId });
    const [transfer] = transfersOf(payment.orderId);
    expect(transfer).toMatchObject({ reversed: true, amount_reversed: 1900 });
    expect(transfer.reversals.data[0].id).toBe(reversed.reversalId);
    await h.expectLedgerBalanced();
  });

  it('a reversal the seller\'s balance cannot cover leaves a debt, shown to the seller', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    const accountId = await h.onboard(seller);
    const payment = await h.sell(seller, buyer);
    await h.waitForState(payment.orderId, 'transferred');
    h.sim.adjustAccountBalance(accountId, { set: 0 }); // paid out to the seller's bank
    await h.refund(payment);
    const reversed = await h.waitForState(payment.orderId, 'reversed');
    expect(reversed).toMatchObject({ debtCents: 1900, reversalId: null });
    expect(transfersOf(payment.orderId)[0]).toMatchObject({ amount_reversed: 0 });
    const page = await h.get(seller.cookie, '/api/payouts');
    expect(page.body.totals.debt).toBe(19);
    expect(page.body.sales[0]).toMatchObject({ state: 'reversed', debt: 19 });
    const owed = await h.testDb.db.query<{ owed: number }>(
      'SELECT sum(amount_cents)::int8 AS owed FROM ledger_entries WHERE account = $1', [`seller:${seller.id}`]);
    expect(owed[0].owed).toBe(1900); // the seller owes the platform the net
    await h.expectLedgerBalanced();
  });

  it('payment:refunded landing while the transfer is in flight: the transfer is recorded, then reversed', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    await h.onboard(seller);
    const payment = await h.sell(seller, buyer);
    h.sim.delayNext(1, 1_500); // the transfer's request
    await waitFor(async () => (await h.testDb.db.query('SELECT 1 FROM payout_jobs WHERE order_id = $1 AND attempts > 0', [payment.orderId])).length > 0,
      { what: 'the transfer claimed' });
    await h.refunded(payment);
    await h.waitForState(payment.orderId, 'reversed');
    expect(transfersOf(payment.orderId)).toHaveLength(1);
    expect(transfersOf(payment.orderId)[0].reversed).toBe(true);
    await h.refundAtProvider(payment); // the buyer's money, once the reversal is back
    await h.expectLedgerBalanced();
  });

  it('a refund made at the provider before the transfer executes: no transfer, the sale refunded', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    await h.onboard(seller);
    const payment = await h.sell(seller, buyer);
    h.sim.delayNext(1, 1_500); // the transfer's request, executed after the refund
    await waitFor(async () => (await h.testDb.db.query('SELECT 1 FROM payout_jobs WHERE order_id = $1 AND attempts > 0', [payment.orderId])).length > 0,
      { what: 'the transfer claimed' });
    await h.refund(payment);
    await h.waitForState(payment.orderId, 'refunded');
    await waitFor(async () => (await h.testDb.db.query('SELECT 1 FROM payout_jobs WHERE order_id = $1', [payment.orderId])).length === 0,
      { what: 'the transfer job dropped' });
    expect(transfersOf(payment.orderId)).toHaveLength(0);
    expect((await h.sale(payment.orderId))?.state).toBe('refunded');
    await h.expectLedgerBalanced();
  });

  it('a refund after a transfer whose answer was lost: the retry finds that transfer and reverses it', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    await h.onboard(seller);
    const payment = await h.sell(seller, buyer);
    h.sim.failNext(1, 500, { stage: 'after' }); // made at the provider, answer lost
    await waitFor(async () => (await h.testDb.db.query('SELECT last_error FROM payout_jobs WHERE order_id = $1 AND last_error IS NOT NULL', [payment.orderId])).length > 0,
      { what: 'the transfer attempt failed' });
    await h.refund(payment);
    await h.waitForState(payment.orderId, 'reversed');
    expect(transfersOf(payment.orderId)).toHaveLength(1);
    await h.expectLedgerBalanced();
  });

  it('a refund that arrives before its payment waits for it, then refunds the sale', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    const ticketId = await h.listTicket(seller.id);
    const orderId = await h.orderTicket(ticketId, buyer.id);
    const payment = await h.pay(orderId, 2000, { publish: false });
    await h.refund(payment);
    await pause(300);
    expect(await h.sale(orderId)).toBeUndefined();
    await h.paymentCreated(payment);
    await h.waitForState(orderId, 'refunded');
    expect(transfersOf(orderId)).toHaveLength(0);
    await h.expectLedgerBalanced();
  });
});
