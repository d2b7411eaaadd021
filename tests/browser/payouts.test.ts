import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freePort } from '../../tools/launcher/src/free-port';
import { client } from '../support/stack-process';
import { useBrowserStack } from './support/browser-stack';
import { screenshotsFor } from './support/screenshots';
import {
  PASSWORD, buyAndPay, navLink, pathOf, reloadUntilVisible, signIn, signUp, uniqueEmail, uniqueTitle,
} from './support/marketplace-ui';
import { horizontalOverflow } from './support/events-ui';
import { ONBOARDING_PATH, completeHostedOnboarding, createEventStartingIn, listTicketForEvent, saleRow, total } from './support/payouts-ui';

// Seller payouts (issue 16) in a real Chromium against `npm start`: the buyer's money is held
// until the event is over plus a hold, then paid to a seller who set up payouts on the
// simulator's hosted onboarding page. The hold is seconds here, and the events start soon.
const HOLD_HOURS = 0.005; // 18 s
const HOLD_MS = HOLD_HOURS * 3600 * 1000;

describe('payouts in the web client', () => {
  const suite = useBrowserStack(async () => {
    // Account Links return to the address the browser uses, so the session cookie comes along.
    const port = await freePort();
    return { port, env: { PAYOUT_HOLD_HOURS: String(HOLD_HOURS), PAYOUTS_WEB_URL: `http://127.0.0.1:${port}`, AUTH_RATE_LIMIT_PER_MINUTE: '1000' } };
  });
  const visitor = suite.visitor;

  /** The buyer signs up, buys the ticket and pays with the test card; returns the order id. */
  async function buyerPays(page: Page, ticketId: string, title: string, snap: ReturnType<typeof screenshotsFor>): Promise<string> {
    await signUp(page, uniqueEmail('buyer'), snap);
    return buyAndPay(page, ticketId, title, snap);
  }

  /** Milliseconds until a sale for an event starting at `startsAt` is payable, plus `margin`. */
  function untilPayable(startsAt: string, margin: number): number {
    return Math.max(0, Date.parse(startsAt) + HOLD_MS - Date.now()) + margin;
  }

  it('a seller sets up payouts on the hosted onboarding page and is paid after the event; the buyer sees charged and released', async () => {
    const snap = screenshotsFor('payouts-journey');
    const eventName = uniqueTitle('Payday Gig');
    const title = uniqueTitle('Payday Gig standing');

    // The seller lists a ticket (face value 50, asking 60) for an event that starts in 40 s.
    const seller = await visitor();
    await signUp(seller, uniqueEmail('seller'), snap);
    const event = await createEventStartingIn(seller, eventName, 40_000);
    const ticketId = await listTicketForEvent(seller, event.id, eventName, title, '50', '60');
    await snap(seller, 'listed');

    const buyer = await visitor();
    const orderId = await buyerPays(buyer, ticketId, title, snap);

    // Before the event the money is held: gross 60, the 5 % fee 3, net 57 for the seller.
    await navLink(seller, 'Payouts').click();
    await seller.waitForURL((url) => url.pathname === '/payouts');
    await seller.getByRole('heading', { level: 1, name: 'Payouts' }).waitFor();
    await reloadUntilVisible(seller, () => saleRow(seller, title), 15_000);
    const sale = saleRow(seller, title);
    await sale.getByText('Held', { exact: true }).waitFor();
    // The hold is worded from the event's start: 18 s after it here, "48 hours after the event" by default.
    expect(await sale.getByText(/^Held until \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \S+ — 18 seconds after the event$/).count()).toBe(1);
    await sale.getByText('$60.00', { exact: true }).waitFor();
    await sale.getByText('$3.00', { exact: true }).waitFor();
    await sale.getByText('$57.00', { exact: true }).waitFor();
    expect(await total(seller, 'Held').textContent()).toBe('$57.00');
    expect(await total(seller, 'Paid out').textContent()).toBe('$0.00');
    await seller.getByText(/^Payouts are not set up yet/).waitFor();
    await snap(seller, 'held-before-onboarding');

    // Setting up payouts happens on the provider's hosted page, which sends the seller back.
    await seller.getByRole('button', { name: 'Set up payouts' }).click();
    await seller.waitForURL((url) => ONBOARDING_PATH.test(url.pathname));
    const linkUrl = seller.url();
    await snap(seller, 'hosted-onboarding');
    await completeHostedOnboarding(seller, snap);
    await seller.waitForURL((url) => url.pathname === '/payouts' && url.searchParams.get('onboarding') === 'return', { timeout: 15_000 });
    await seller.getByText(/^Thanks — your details are (being checked|confirmed)\.$/).waitFor();
    await snap(seller, 'back-from-onboarding');
    // The provider confirms by webhook; the page catches up by itself.
    await seller.getByText('Payouts are set up', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await seller.getByRole('button', { name: 'Set up payouts' }).count()).toBe(0);
    await snap(seller, 'payouts-set-up');

    // The link was single use: opened again, the provider sends the seller to refresh_url, and a
    // seller who is set up is simply shown so.
    await seller.goto(linkUrl);
    await seller.waitForURL((url) => url.pathname === '/payouts' && url.searchParams.get('onboarding') === 'refresh');
    await seller.getByText('Payouts are set up', { exact: true }).waitFor();
    expect(await seller.getByText('That setup link has expired or was already used.').count()).toBe(0);

    // Once the event has started and the hold is over, the sale is paid out.
    await reloadUntilVisible(seller, () => saleRow(seller, title).getByText('Paid out', { exact: true }), untilPayable(event.startsAt, 30_000));
    expect(await saleRow(seller, title).getByText(/^Paid out on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} /).count()).toBe(1);
    expect(await total(seller, 'Paid out').textContent()).toBe('$57.00');
    expect(await total(seller, 'Held').textContent()).toBe('$0.00');
    expect(await seller.getByText('Finish setting up payouts to be paid').count()).toBe(0);
    await snap(seller, 'paid-out');

    // The buyer's order shows the same money: charged, held, released.
    await buyer.goto(`/orders/${orderId}`);
    const timeline = buyer.getByRole('list', { name: 'Money timeline' });
    await reloadUntilVisible(buyer, () => timeline.getByText(/^Released to the seller on /), 10_000);
    const lines = await timeline.getByRole('listitem').allTextContents();
    expect(lines[0]).toMatch(/^Charged \$60\.00 on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} /);
    expect(lines).toContain('Held by the marketplace until the event is over');
    expect(lines.at(-1)).toMatch(/^Released to the seller on /);
    await snap(buyer, 'buyer-timeline');
  });

  it('at phone width a seller who has not set up payouts sees their money waiting for it, and an expired link offers a new one', async () => {
    const snap = screenshotsFor('payouts-phone');
    const eventName = uniqueTitle('Pocket Payout Festival With A Rather Long Name');
    const title = uniqueTitle('Pocket Payout Festival weekend pass with camping');

    // The seller lists through the API, for an event starting in 25 s.
    const api = client(suite.stack.url);
    const sellerEmail = uniqueEmail('seller');
    expect((await api('POST', '/api/users/signup', { email: sellerEmail, password: PASSWORD })).status).toBe(201);
    const startsAt = new Date(Date.now() + 25_000).toISOString();
    const event = await api('POST', '/api/events', { name: eventName, venue: 'Ziggo Dome', city: 'Amsterdam', country: 'NL', startsAt });
    expect(event.status).toBe(201);
    const ticket = await api('POST', '/api/tickets', { eventId: event.body.id, title, faceValue: 80, price: 96 });
    expect(ticket.status).toBe(201);

    const buyer = await visitor('phone');
    const seller = await visitor('phone');
    const fits = async (page: Page, step: string) => {
      const { scrollWidth, innerWidth } = await horizontalOverflow(page);
      expect(innerWidth, step).toBe(375);
      expect(scrollWidth, step).toBeLessThanOrEqual(innerWidth);
      await snap(page, step);
    };

    const orderId = await buyerPays(buyer, ticket.body.id, title, snap);
    await buyer.goto(`/orders/${orderId}`);
    await buyer.getByRole('heading', { name: 'Your money' }).waitFor();
    await fits(buyer, 'buyer-order');

    await seller.goto('/payouts');
    expect(pathOf(seller)).toBe('/auth/signin'); // signed out: Payouts is for a signed-in seller
    await signIn(seller, sellerEmail, snap);
    await seller.goto('/payouts');
    await reloadUntilVisible(seller, () => saleRow(seller, title), 15_000);
    await fits(seller, 'payouts-held');

    // The hold ends with no payout account: the money waits, and the page says what to do.
    await reloadUntilVisible(seller, () => seller.getByText('Finish setting up payouts to be paid.', { exact: true }), untilPayable(startsAt, 20_000));
    const sale = saleRow(seller, title);
    await sale.getByText('Ready to pay out', { exact: true }).waitFor();
    await sale.getByText('Ready to be paid — finish setting up payouts to be paid', { exact: true }).waitFor();
    expect(await total(seller, 'Ready to pay out').textContent()).toBe('$91.20'); // 96 − 5 % (4.80)
    expect(await total(seller, 'Held').textContent()).toBe('$0.00');
    await fits(seller, 'payouts-waiting-for-onboarding');

    // The buyer sees the money still with the marketplace.
    await buyer.reload();
    const timeline = buyer.getByRole('list', { name: 'Money timeline' });
    await timeline.getByText('Held by the marketplace until the event is over', { exact: true }).waitFor();
    expect(await timeline.getByText(/^Released to the seller/).count()).toBe(0);
    await fits(buyer, 'buyer-order-held');

    // The provider sends a seller whose link expired to refresh_url: a new link is offered.
    await seller.goto('/payouts?onboarding=refresh');
    await seller.getByText('That setup link has expired or was already used.', { exact: true }).waitFor();
    await fits(seller, 'link-expired');
    await seller.getByRole('button', { name: 'Get a new setup link' }).tap();
    await seller.waitForURL((url) => ONBOARDING_PATH.test(url.pathname));
    await snap(seller, 'new-link-hosted-onboarding');
  });

  it('an event cancelled before the release refunds the buyer and pays the seller nothing, on both sides', async () => {
    const snap = screenshotsFor('payouts-cancelled');
    const eventName = uniqueTitle('Called Off Concert');
    const title = uniqueTitle('Called Off Concert balcony');
    const api = client(suite.stack.url);
    const sellerEmail = uniqueEmail('seller');
    expect((await api('POST', '/api/users/signup', { email: sellerEmail, password: PASSWORD })).status).toBe(201);
    // Far enough ahead that the hold cannot end before the cancellation.
    const startsAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const event = await api('POST', '/api/events', { name: eventName, venue: 'Paradiso', city: 'Amsterdam', country: 'NL', startsAt });
    expect(event.status).toBe(201);
    const ticket = await api('POST', '/api/tickets', { eventId: event.body.id, title, faceValue: 40, price: 44 });
    expect(ticket.status).toBe(201);

    const buyer = await visitor();
    const orderId = await buyerPays(buyer, ticket.body.id, title, snap);
    await buyer.goto(`/orders/${orderId}`);
    const timeline = buyer.getByRole('list', { name: 'Money timeline' });
    await reloadUntilVisible(buyer, () => timeline.getByText('Held by the marketplace until the event is over', { exact: true }), 10_000);

    expect((await api('POST', `/api/events/${event.body.id}/cancel`, {})).status).toBe(200);

    // The buyer's order: refunded, and why.
    await reloadUntilVisible(buyer, () => timeline.getByText(/^Refunded on .+ — event cancelled$/), 20_000);
    const lines = await timeline.getByRole('listitem').allTextContents();
    expect(lines[0]).toMatch(/^Charged \$44\.00 on /);
    expect(lines.some((line) => line.startsWith('Released'))).toBe(false);
    await snap(buyer, 'buyer-refunded');

    // The seller's sale: refunded to the buyer, nothing held or paid out.
    const seller = await visitor();
    await seller.goto('/auth/signin');
    await signIn(seller, sellerEmail, snap);
    await seller.goto('/payouts');
    const sale = saleRow(seller, title);
    await reloadUntilVisible(seller, () => sale.getByText('Refunded', { exact: true }), 10_000);
    await sale.getByText(/^Refunded to the buyer on .+ — event cancelled$/).waitFor();
    expect(await total(seller, 'Held').textContent()).toBe('$0.00');
    expect(await total(seller, 'Paid out').textContent()).toBe('$0.00');
    expect(await seller.getByText('Finish setting up payouts to be paid').count()).toBe(0);
    await snap(seller, 'seller-refunded');
  });
});
