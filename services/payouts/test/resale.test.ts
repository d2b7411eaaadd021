// Issue 17: a bought ticket resold by its buyer. The sale of each generation pays the one who sold
// that generation (order:created.ticket.sellerId), not the ticket's first seller; an order:created
// published before it named the seller falls back to the ticket's.
import { waitFor } from '@ticketing/common/testing/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPayoutsHarness, type Harness, type User } from './support/payouts-harness';

describe('resale payouts', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPayoutsHarness(); });
  afterAll(async () => { await h?.close(); });

  const sellerOf = async (orderId: string) =>
    (await h.testDb.db.query<{ sellerId: string }>('SELECT seller_id AS "sellerId" FROM sales WHERE order_id = $1', [orderId]))[0]?.sellerId;
  const buy = async (ticketId: string, buyer: User, amountCents: number, listing: { sellerId?: string; generation?: number }) => {
    const orderId = await h.orderTicket(ticketId, buyer.id, amountCents / 100, listing);
    await h.pay(orderId, amountCents);
    await waitFor(() => h.sale(orderId), { what: `sale of order ${orderId}` });
    return orderId;
  };

  it('sold (gen 0) → resold by its buyer (gen 1) → bought → resold again (gen 2): each sale pays its own seller', async () => {
    const [seller, first, second, third] = [await h.newUser(), await h.newUser(), await h.newUser(), await h.newUser()];
    const accountId = await h.onboard(first);
    const ticketId = await h.listTicket(seller.id, { price: 50 });
    const gen0 = await buy(ticketId, first, 5000, { sellerId: seller.id, generation: 0 });
    const gen1 = await buy(ticketId, second, 5500, { sellerId: first.id, generation: 1 });
    const gen2 = await buy(ticketId, third, 5200, { sellerId: second.id, generation: 2 });
    expect([await sellerOf(gen0), await sellerOf(gen1), await sellerOf(gen2)]).toEqual([seller.id, first.id, second.id]);

    // The reseller's page has the resale, not the sale they bought from; the first seller's the first sale.
    const resellerPage = await h.get(first.cookie, '/api/payouts');
    expect(resellerPage.body.sales.map((sale: { orderId: string }) => sale.orderId)).toEqual([gen1]);
    expect((await h.get(seller.cookie, '/api/payouts')).body.sales.map((sale: { orderId: string }) => sale.orderId)).toEqual([gen0]);
    expect((await h.get(first.cookie, `/api/payouts/orders/${gen1}`)).status).toBe(200);
    expect((await h.get(seller.cookie, `/api/payouts/orders/${gen1}`)).status).toBe(403);

    // The reseller (onboarded) is paid the resale's net; nobody else's account receives it.
    const sale = await h.waitForState(gen1, 'transferred');
    expect(sale).toMatchObject({ grossCents: 5500, feeCents: 275, netCents: 5225 });
    expect(h.sim.transfers().filter((transfer) => transfer.transfer_group === gen1)).toEqual([
      expect.objectContaining({ amount: 5225, destination: accountId }),
    ]);
    await h.expectLedgerBalanced();
  });

  it('an order:created without sellerId (published before issue 17) pays the ticket\'s seller', async () => {
    const [seller, buyer] = [await h.newUser(), await h.newUser()];
    const payment = await h.sell(seller, buyer);
    expect(await sellerOf(payment.orderId)).toBe(seller.id);
  });
});
