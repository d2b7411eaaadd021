import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { rejection, startSimulator, stripeFor } from './support/harness';
import { connectedAccount } from './support/connect';

const RETURN_URL = 'http://localhost:3000/payouts?onboarding=return';
const REFRESH_URL = 'http://localhost:3000/payouts?onboarding=refresh';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// Issue 16: an Account Link opens the simulator's hosted onboarding page, over plain HTTP as a
// browser would: GET shows the form, POST onboards and sends the browser to return_url; a used or
// expired link sends it to refresh_url.
describe('Account Links and the hosted onboarding page', () => {
  let simulator: StripeSimulator;
  let stripe: Stripe;

  beforeAll(async () => {
    simulator = await startSimulator();
    stripe = stripeFor(simulator);
  });
  afterAll(() => simulator.stop());

  const link = async (account: string) => stripe.accountLinks.create({ account, type: 'account_onboarding', refresh_url: REFRESH_URL, return_url: RETURN_URL });

  it('an Account Link is Stripe-shaped and expires 5 minutes later', async () => {
    const account = await connectedAccount(stripe);
    const created = await link(account.id);
    expect(created).toMatchObject({ object: 'account_link' });
    expect(created.expires_at - created.created).toBe(300);
    expect(created.url.startsWith(`${simulator.url}/connect/onboarding/`)).toBe(true);
  });

  it('GET shows a plain form; POST onboards the account, sends account.updated and redirects 303 to return_url', async () => {
    const account = await connectedAccount(stripe);
    const { url } = await link(account.id);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<form method="post">');
    expect(html).toMatch(/<label for="name">Full name<\/label>/);
    expect(html).toContain('Agree and submit');
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)/);

    const submitted = await fetch(url, { method: 'POST', headers: FORM, body: 'name=Sam+Seller', redirect: 'manual' });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe(RETURN_URL);
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({
      details_submitted: true, charges_enabled: true, payouts_enabled: true, capabilities: { transfers: 'active' },
    });
    const event = simulator.events('account.updated').find((candidate) => (candidate as { account?: string }).account === account.id)!;
    expect(event.data.object).toMatchObject({ id: account.id, payouts_enabled: true });
    expect(event.data.previous_attributes).toMatchObject({ payouts_enabled: false, details_submitted: false });
    expect(event.request).toEqual({ id: null, idempotency_key: null });
  });

  it('a link works once: opened or submitted again it redirects to refresh_url', async () => {
    const account = await connectedAccount(stripe);
    const { url } = await link(account.id);
    await fetch(url, { method: 'POST', headers: FORM, body: 'name=Sam', redirect: 'manual' });
    for (const method of ['GET', 'POST']) {
      const again = await fetch(url, { method, headers: FORM, body: method === 'POST' ? 'name=Sam' : undefined, redirect: 'manual' });
      expect(again.status, method).toBe(303);
      expect(again.headers.get('location')).toBe(REFRESH_URL);
    }
    // A fresh link for an onboarded account still works and changes nothing.
    const fresh = await link(account.id);
    expect((await fetch(fresh.url, { method: 'POST', headers: FORM, body: 'name=Sam', redirect: 'manual' })).headers.get('location')).toBe(RETURN_URL);
    expect(simulator.events('account.updated').filter((event) => (event as { account?: string }).account === account.id)).toHaveLength(1);
  });

  it('an expired link (the simulator clock moved 5 minutes) redirects to refresh_url and onboards nothing', async () => {
    const account = await connectedAccount(stripe);
    const { url } = await link(account.id);
    simulator.advanceClock(300_000);
    const opened = await fetch(url, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(REFRESH_URL);
    const submitted = await fetch(url, { method: 'POST', headers: FORM, body: 'name=Sam', redirect: 'manual' });
    expect(submitted.headers.get('location')).toBe(REFRESH_URL);
    expect((await stripe.accounts.retrieve(account.id)).details_submitted).toBe(false);
  });

  it('an empty name is asked again (400, the link still usable); an unknown token is 404', async () => {
    const account = await connectedAccount(stripe);
    const { url } = await link(account.id);
    const empty = await fetch(url, { method: 'POST', headers: FORM, body: 'name=+', redirect: 'manual' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Enter your full name.');
    expect((await fetch(url, { method: 'POST', headers: FORM, body: 'name=Sam', redirect: 'manual' })).status).toBe(303);
    expect((await fetch(`${simulator.url}/connect/onboarding/nope`)).status).toBe(404);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(405);
  });

  it('refuses a link with a bad account, type or url', async () => {
    const account = await connectedAccount(stripe);
    const base = { account: account.id, type: 'account_onboarding' as const, refresh_url: REFRESH_URL, return_url: RETURN_URL };
    expect(await rejection(stripe.accountLinks.create({ ...base, account: 'acct_0000000000000000' }))).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'account' });
    expect(await rejection(stripe.accountLinks.create({ ...base, type: 'login' }))).toMatchObject({ statusCode: 400, param: 'type' });
    expect(await rejection(stripe.accountLinks.create({ ...base, return_url: 'javascript:alert(1)' }))).toMatchObject({ statusCode: 400, param: 'return_url' });
    expect(await rejection(stripe.accountLinks.create({ ...base, refresh_url: undefined }))).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'refresh_url' });
  });

  it('publicUrl names where a browser reaches the simulator', async () => {
    const other = await startSimulator({ publicUrl: 'https://stripe-sim.example.test/' });
    try {
      const client = stripeFor(other);
      const account = await connectedAccount(client);
      const created = await client.accountLinks.create({ account: account.id, type: 'account_onboarding', refresh_url: REFRESH_URL, return_url: RETURN_URL });
      expect(created.url).toMatch(/^https:\/\/stripe-sim\.example\.test\/connect\/onboarding\/[A-Za-z0-9]{32}$/);
    } finally {
      await other.stop();
    }
  });
});
