// The routes: onboarding (one account per seller, even when requests race), the seller's page
// (their sales only), one order's money (buyer or seller only), and the Connect webhook
// (signature, duplicates, a webhook before the API's answer).
import { waitFor } from '@ticketing/common/testing/index';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountKey } from '../src/domain/idempotency-keys';
import { CONNECT_SECRET, startPayoutsHarness, type Harness } from './support/payouts-harness';

describe('payouts routes', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPayoutsHarness({ holdHours: 1 }); }); // nothing is released here
  afterAll(async () => { await h?.close(); });

  const enabled = async (sellerId: string) =>
    (await h.testDb.db.query('SELECT 1 FROM accounts WHERE seller_id = $1 AND payouts_enabled', [sellerId])).length === 1;

  it('every route needs a session', async () => {
    for (const [method, url] of [['POST', '/api/payouts/onboarding'], ['GET', '/api/payouts'], ['GET', `/api/payouts/orders/${crypto.randomUUID()}`]] as const) {
      const response = await h.service.http.inject({ method, url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json().errors[0].message).toBeTruthy();
    }
  });

  it('onboarding creates one express account per seller, even for concurrent requests, and a fresh link each time', async () => {
    const seller = await h.newUser();
    const answers = await Promise.all([1, 2, 3].map(() => h.service.http.inject({ method: 'POST', url: '/api/payouts/onboarding', headers: { cookie: seller.cookie } })));
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200]);
    const accounts = h.sim.accounts().filter((account) => account.metadata?.userId === seller.id);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ type: 'express', capabilities: { transfers: expect.any(String) } });
    const urls = answers.map((answer) => answer.json().url as string);
    expect(new Set(urls).size).toBe(3);
    const [row] = await h.testDb.db.query<{ id: string }>('SELECT stripe_account_id AS id FROM accounts WHERE seller_id = $1', [seller.id]);
    expect(row.id).toBe(accounts[0].id);
    expect((await h.get(seller.cookie, '/api/payouts')).body).toMatchObject({ account: { status: 'pending' }, sales: [] });
  });

  it('a seller sees only their own sales; an order\'s money only its buyer and seller', async () => {
    const [seller, other, buyer, stranger] = [await h.newUser(), await h.newUser(), await h.newUser(), await h.newUser()];
    const mine = await h.sell(seller, buyer, { amountCents: 3000 });
    const theirs = await h.sell(other, buyer, { amountCents: 1000 });
    const page = await h.get(seller.cookie, '/api/payouts');
    expect(page.status).toBe(200);
    expect(page.body.sales.map((sale: { orderId: string }) => sale.orderId)).toEqual([mine.orderId]);
    expect(page.body.sales[0]).toMatchObject({ gross: 30, fee: 1.5, net: 28.5, currency: 'usd', state: 'held', debt: 0, transferredAt: null });
    expect(page.body.totals).toEqual({ held: 28.5, payable: 0, transferred: 0, debt: 0, currency: 'usd' });
    expect((await h.get(stranger.cookie, '/api/payouts')).body).toMatchObject({ account: { status: 'none' }, sales: [], totals: { held: 0 } });

    const asBuyer = await h.get(buyer.cookie, `/api/payouts/orders/${theirs.orderId}`);
    expect(asBuyer.body).toMatchObject({ orderId: theirs.orderId, state: 'held', gross: 10, currency: 'usd' });
    expect(asBuyer.body.timeline.map((step: { state: string }) => step.state)).toEqual(['charged', 'held']);
    expect((await h.get(other.cookie, `/api/payouts/orders/${theirs.orderId}`)).status).toBe(200);
    const forbidden = await h.get(seller.cookie, `/api/payouts/orders/${theirs.orderId}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.errors[0].message).toBeTruthy();
    expect((await h.get(stranger.cookie, `/api/payouts/orders/${theirs.orderId}`)).status).toBe(403);
    expect((await h.get(buyer.cookie, `/api/payouts/orders/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await h.get(buyer.cookie, '/api/payouts/orders/not-an-id')).status).toBe(404);
  });

  it('a webhook with a bad or missing signature is 400 and changes nothing', async () => {
    const payload = JSON.stringify({ id: 'evt_forged', type: 'account.updated', data: { object: { object: 'account', id: 'acct_x', payouts_enabled: true } } });
    for (const headers of [{}, { 'stripe-signature': 't=1,v1=deadbeef' }]) {
      const response = await h.service.http.inject({ method: 'POST', url: '/api/payouts/webhooks/stripe', headers: { 'content-type': 'application/json', ...headers }, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ field: 'Stripe-Signature' });
    }
    expect(await h.testDb.db.query("SELECT 1 FROM stripe_events WHERE id = 'evt_forged'")).toHaveLength(0);
  });

  it('a correctly signed body that is not a readable event is 400 with the error body and stores nothing (never 500)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const bodies = [
      '1', '{}', 'null', '[]', '"x"', '{"id":"evt_1"}', '{"id":"evt_2","type":"account.updated"}',
      JSON.stringify({ id: 'evt_3', type: 'account.updated', created: now, data: {} }),
      JSON.stringify({ id: 'evt_4', type: 'account.updated', created: now, data: { object: null } }),
      JSON.stringify({ id: 'evt_\u0000', type: 'x', created: now, data: { object: {} } }),
      JSON.stringify({ id: 5, type: {}, created: now, data: { object: { object: 'account', id: 7 } } }),
    ];
    for (const payload of bodies) {
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: CONNECT_SECRET });
      const response = await h.service.http.inject({ method: 'POST', url: '/api/payouts/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload });
      expect(response.statusCode, payload).toBe(400);
      expect(response.json().errors[0].message, payload).toMatch(/not a Stripe event/);
    }
    expect(await h.testDb.db.query("SELECT 1 FROM stripe_events WHERE id IN ('evt_1', 'evt_2', 'evt_3', 'evt_4', '5')")).toHaveLength(0);
  });

  it('an account.updated whose metadata userId is not ours (not a uuid) is recorded and ignored, not a 500', async () => {
    const payload = JSON.stringify({
      id: `evt_${crypto.randomUUID().replaceAll('-', '')}`, object: 'event', type: 'account.updated', created: Math.floor(Date.now() / 1000),
      account: 'acct_elsewhere', data: { object: { object: 'account', id: 'acct_elsewhere', payouts_enabled: true, metadata: { userId: 'not-a-uuid' } } },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: CONNECT_SECRET });
    const response = await h.service.http.inject({ method: 'POST', url: '/api/payouts/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload });
    expect(response.statusCode).toBe(200);
    expect(await h.testDb.db.query("SELECT 1 FROM accounts WHERE stripe_account_id = 'acct_elsewhere'")).toHaveLength(0);
  });

  it('an account.updated delivered twice is applied once and answered 200 both times', async () => {
    const seller = await h.newUser();
    const accountId = await h.startOnboarding(seller);
    const event = {
      id: `evt_${crypto.randomUUID().replaceAll('-', '')}`, object: 'event', type: 'account.updated', created: Math.floor(Date.now() / 1000), account: accountId,
      data: { object: { id: accountId, object: 'account', payouts_enabled: true, metadata: { userId: seller.id } } },
    };
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: CONNECT_SECRET });
    const deliver = () => h.service.http.inject({ method: 'POST', url: '/api/payouts/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload });
    const [first, second] = [await deliver(), await deliver()];
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect([first.json().duplicate, second.json().duplicate]).toEqual([false, true]);
    expect(await enabled(seller.id)).toBe(true);
  });

  it('a webhook before the API\'s answer: the account is found by its seller, and onboarding then uses it', async () => {
    const seller = await h.newUser();
    // The account exists at Stripe and is onboarded before payouts recorded it (its answer is still on the way).
    const accountId = await h.provider.createAccount(seller.id, accountKey(seller.id));
    h.sim.completeOnboarding(accountId);
    await waitFor(() => enabled(seller.id), { what: 'the webhook recorded payouts_enabled' });
    expect(await h.startOnboarding(seller)).toBe(accountId);
    expect(h.sim.accounts().filter((account) => account.metadata?.userId === seller.id)).toHaveLength(1);
    expect((await h.get(seller.cookie, '/api/payouts')).body.account.status).toBe('enabled');
  });

  it('onboarding while the provider is down is 503 with the standard body, and works once it is back', async () => {
    const seller = await h.newUser();
    h.sim.failNext(1, 503);
    const down = await h.service.http.inject({ method: 'POST', url: '/api/payouts/onboarding', headers: { cookie: seller.cookie } });
    expect(down.statusCode).toBe(503);
    expect(down.json().errors[0].message).toMatch(/unavailable/);
    expect(await h.startOnboarding(seller)).toMatch(/^acct_/);
  });
});
