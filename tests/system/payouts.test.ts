// Issue 16 through the real stack (infra mode: a process per service, RabbitMQ, BullMQ release
// timers, the Stripe simulator, the gateway): a seller lists for an event starting in seconds, a
// buyer pays, the seller onboards (the simulator's onboarding shortcut), the hold passes and the
// seller is paid through the simulator; both timelines show it. An event cancelled before release
// refunds the buyer and pays nothing; one cancelled after release reverses the transfer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { startInfraStack, type BenchUser, type InfraStack } from '../../bench/support/infra-stack';
import { waitForOrdersReplica } from '../../bench/support/seed';

const HOLD_SECONDS = 2;

describe('seller payouts through the gateway', () => {
  let stack: InfraStack;
  beforeAll(async () => {
    stack = await startInfraStack({ env: { payouts: { PAYOUT_HOLD_HOURS: String(HOLD_SECONDS / 3600) } } });
  }, 180_000);
  afterAll(async () => { await stack?.stop(); }, 120_000);

  const call = async (user: BenchUser | undefined, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.gatewayUrl}${path}`, {
      method, headers: { ...(user ? { cookie: user.cookie } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };
  const sim = async (method: string, path: string) => {
    const response = await fetch(`${stack.stripeApiBase}${path}`, { method, headers: { authorization: 'Bearer sk_test_simulator' } });
    return response.json();
  };
  const transfersOf = async (orderId: string) => (await sim('GET', `/v1/transfers?transfer_group=${orderId}&limit=100`)).data
    .filter((transfer: { transfer_group: string }) => transfer.transfer_group === orderId);
  const saleOf = async (seller: BenchUser, orderId: string) =>
    (await call(seller, 'GET', '/api/payouts')).json.sales.find((sale: { orderId: string }) => sale.orderId === orderId);

  /** An event starting in `startsInMs`, a ticket for it at `price`, an order, and its payment. */
  async function paidSale(startsInMs: number, price: number) {
    const [organiser, seller, buyer] = [await stack.newUser(), await stack.newUser(), await stack.newUser()];
    const event = await call(organiser, 'POST', '/api/events', {
      name: 'Soon', venue: 'Club', city: 'Berlin', country: 'DE', startsAt: new Date(Date.now() + startsInMs).toISOString(),
    });
    expect(event.status, JSON.stringify(event.json)).toBe(201);
    // Tickets learns of the event from event:created: until then the event is unknown there.
    const ticket = await waitFor(async () => {
      const answer = await call(seller, 'POST', '/api/tickets', { title: 'Seat 1', price, faceValue: price, eventId: event.json.id });
      return answer.status === 400 && answer.json.errors[0].message === 'Unknown event' ? undefined : answer;
    }, { timeoutMs: 30_000, intervalMs: 100, what: 'tickets knows the event' });
    expect(ticket.status, JSON.stringify(ticket.json)).toBe(201);
    await waitForOrdersReplica(stack, [ticket.json.id]);
    const order = await call(buyer, 'POST', '/api/orders', { ticketId: ticket.json.id });
    expect(order.status, JSON.stringify(order.json)).toBe(201);
    const paid = await waitFor(async () => {
      const answer = await call(buyer, 'POST', '/api/payments', { orderId: order.json.id, token: 'tok_visa' });
      return answer.status === 404 ? undefined : answer; // payments' replica has not seen the order yet
    }, { timeoutMs: 30_000, what: 'payments knows the order' });
    expect(paid.status, JSON.stringify(paid.json)).toBe(201);
    const orderId: string = order.json.id;
    await waitFor(() => saleOf(seller, orderId), { timeoutMs: 30_000, what: 'payouts booked the sale' });
    return { organiser, seller, buyer, orderId, eventId: event.json.id as string, paymentIntentId: paid.json.stripeId as string };
  }

  async function onboard(seller: BenchUser) {
    const link = await call(seller, 'POST', '/api/payouts/onboarding');
    expect(link.status, JSON.stringify(link.json)).toBe(200);
    expect(link.json.url).toMatch(/^http/);
    const accounts = (await sim('GET', '/v1/accounts?limit=100')).data;
    const account = accounts.find((candidate: { metadata: { userId?: string } }) => candidate.metadata.userId === seller.id);
    await sim('POST', `/__sim/accounts/${account.id}/complete-onboarding`);
    await waitFor(async () => (await call(seller, 'GET', '/api/payouts')).json.account.status === 'enabled', { timeoutMs: 30_000, what: 'payouts enabled' });
    return account.id as string;
  }

  it('the seller is paid the net after the event and the hold, and both timelines show it', async () => {
    const sale = await paidSale(8_000, 40);
    const held = await saleOf(sale.seller, sale.orderId);
    expect(held).toMatchObject({ state: 'held', gross: 40, fee: 2, net: 38, currency: 'usd' });
    const accountId = await onboard(sale.seller);
    const paid = await waitFor(async () => {
      const current = await saleOf(sale.seller, sale.orderId);
      return current.state === 'transferred' ? current : undefined;
    }, { timeoutMs: 60_000, what: 'the sale transferred' }).catch(async (error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(await saleOf(sale.seller, sale.orderId))}\n${stack.recentOutput()}`);
    });
    expect(Date.parse(paid.transferredAt)).toBeGreaterThanOrEqual(Date.parse(paid.payableAt));
    const [charge] = (await sim('GET', `/v1/charges?payment_intent=${sale.paymentIntentId}`)).data;
    const transfers = await transfersOf(sale.orderId);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ amount: 3800, currency: 'usd', destination: accountId, transfer_group: sale.orderId, source_transaction: charge.id });
    const page = (await call(sale.seller, 'GET', '/api/payouts')).json;
    expect(page.totals).toMatchObject({ held: 0, payable: 0, transferred: 38, debt: 0 });
    expect(paid.timeline.map((step: { state: string }) => step.state)).toEqual(['charged', 'held', 'payable', 'transferred']);
    const buyerView = await call(sale.buyer, 'GET', `/api/payouts/orders/${sale.orderId}`);
    expect(buyerView.json.timeline.map((step: { state: string }) => step.state)).toEqual(['charged', 'held', 'released']);
    const stranger = await stack.newUser();
    expect((await call(stranger, 'GET', `/api/payouts/orders/${sale.orderId}`)).status).toBe(403);
    expect((await call(undefined, 'GET', '/api/payouts')).status).toBe(401);
  }, 120_000);

  it('an event cancelled before release refunds the buyer and pays the seller nothing', async () => {
    const sale = await paidSale(30_000, 25);
    await onboard(sale.seller);
    expect((await call(sale.organiser, 'POST', `/api/events/${sale.eventId}/cancel`)).status).toBe(200);
    const refunded = await waitFor(async () => {
      const current = await saleOf(sale.seller, sale.orderId);
      return current.state === 'refunded' ? current : undefined;
    }, { timeoutMs: 60_000, what: 'the sale refunded' });
    expect(refunded.refundedAt).toBeTruthy();
    expect(await transfersOf(sale.orderId)).toHaveLength(0);
    const buyerView = await call(sale.buyer, 'GET', `/api/payouts/orders/${sale.orderId}`);
    expect(buyerView.json.timeline.map((step: { state: string }) => step.state)).toEqual(['charged', 'held', 'refunded']);
  }, 120_000);

  it('an event cancelled after release refunds the buyer and reverses the transfer', async () => {
    const sale = await paidSale(8_000, 30);
    await onboard(sale.seller);
    await waitFor(async () => (await saleOf(sale.seller, sale.orderId)).state === 'transferred', { timeoutMs: 60_000, what: 'the sale transferred' });
    expect((await call(sale.organiser, 'POST', `/api/events/${sale.eventId}/cancel`)).status).toBe(200);
    const reversed = await waitFor(async () => {
      const current = await saleOf(sale.seller, sale.orderId);
      return current.state === 'reversed' ? current : undefined;
    }, { timeoutMs: 60_000, what: 'the transfer reversed' });
    expect(reversed.debt).toBe(0);
    const [transfer] = await transfersOf(sale.orderId);
    expect(transfer).toMatchObject({ amount: 2850, amount_reversed: 2850, reversed: true });
    const buyerView = await call(sale.buyer, 'GET', `/api/payouts/orders/${sale.orderId}`);
    expect(buyerView.json.timeline.map((step: { state: string }) => step.state)).toEqual(['charged', 'held', 'released', 'refunded']);
  }, 120_000);
});
