import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { client } from '../support/stack-process';
import { useBrowserStack } from './support/browser-stack';
import { screenshotsFor } from './support/screenshots';
import {
  CARDS, PASSWORD, alertWith, fieldError, fillCard, fillTicketForm, fitsWidth, navLink, openTicketFromLanding, orderRow,
  pathOf, purchase, reloadUntilHidden, reloadUntilVisible, secondsLeft, sellTicket, signIn, signOut, signOutButton, signUp, ticketLink,
  uniqueEmail, uniqueTitle,
} from './support/marketplace-ui';

// Orders expire after 25 s: long enough to pay by hand in the journey tests, short enough that the
// expiry test can simply wait for it on the same stack.
const ORDER_SECONDS = 25;

// The marketplace as a newcomer runs it (`npm start`), used through a real Chromium.
describe('web client in Chromium', () => {
  const suite = useBrowserStack(() => ({ env: { ORDER_EXPIRATION_SECONDS: String(ORDER_SECONDS), AUTH_RATE_LIMIT_PER_MINUTE: '1000' } }));
  const visitor = suite.visitor;

  /** A seller signs up and lists one ticket, then signs out, leaving the page signed out. */
  async function sellerListsTicket(page: Page, snap: ReturnType<typeof screenshotsFor>, title: string): Promise<void> {
    await signUp(page, uniqueEmail('seller'), snap);
    await sellTicket(page, title, '42.50', snap);
    await signOut(page, snap);
  }

  it('sells a ticket, buys it with the test card before the countdown ends, and lists the order complete', async () => {
    const snap = screenshotsFor('journey');
    const page = await visitor();
    const title = uniqueTitle('Journey Concert');
    await sellerListsTicket(page, snap, title);

    await signUp(page, uniqueEmail('buyer'), snap);
    await ticketLink(page, title).waitFor();
    await openTicketFromLanding(page, title, snap);
    await page.getByRole('main').getByText('$42.50', { exact: true }).waitFor();
    await purchase(page, snap);

    const first = await secondsLeft(page);
    expect(first).toBeGreaterThan(ORDER_SECONDS - 10);
    expect(first).toBeLessThanOrEqual(ORDER_SECONDS);
    await expect.poll(() => secondsLeft(page), { timeout: 4_000, interval: 250 }).toBeLessThan(first);
    await snap(page, 'countdown-decreased');

    await fillCard(page, CARDS.succeeds);
    await snap(page, 'card-filled');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL((url) => url.pathname === '/orders');
    await page.getByRole('heading', { level: 1, name: 'My Orders' }).waitFor();
    // The charge is confirmed to the orders service by an event, which may land just after the redirect.
    await reloadUntilVisible(page, () => orderRow(page, title).getByText('complete', { exact: true }), 10_000);
    await snap(page, 'my-orders-complete');

    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Tickets for sale' }).waitFor();
    expect(await ticketLink(page, title).count()).toBe(0);
    await snap(page, 'landing-without-sold-ticket');
  });

  it('shows a declined card next to the payment form, keeps the order payable, then accepts a good card', async () => {
    const snap = screenshotsFor('declined');
    const page = await visitor();
    const title = uniqueTitle('Declined Opera');
    await sellerListsTicket(page, snap, title);
    await signUp(page, uniqueEmail('buyer'), snap);
    await openTicketFromLanding(page, title, snap);
    const orderId = await purchase(page, snap);

    await fillCard(page, CARDS.declined);
    await page.getByRole('button', { name: 'Pay' }).click();
    await alertWith(page, 'Your card was declined.').waitFor();
    expect(pathOf(page)).toBe(`/orders/${orderId}`);
    await snap(page, 'card-declined');

    // Still payable on the server too: a fresh load shows the countdown and the form, not a status.
    await page.reload();
    await page.getByRole('timer').waitFor();
    expect(await page.getByRole('button', { name: 'Pay' }).isEnabled()).toBe(true);
    await snap(page, 'still-payable-after-decline');

    await fillCard(page, CARDS.succeeds);
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL((url) => url.pathname === '/orders');
    await reloadUntilVisible(page, () => orderRow(page, title).getByText('complete', { exact: true }), 10_000);
    await snap(page, 'paid-after-decline');
  });

  it('shows "Order Expired" when the payment window ends and puts the ticket back on sale', async () => {
    const snap = screenshotsFor('expiry');
    const page = await visitor();
    const title = uniqueTitle('Expiring Match');
    await sellerListsTicket(page, snap, title);
    await signUp(page, uniqueEmail('buyer'), snap);
    await openTicketFromLanding(page, title, snap);
    await purchase(page, snap);
    // Reserving reaches the tickets service by event, so the landing page may need a reload to drop it.
    await page.goto('/');
    await reloadUntilHidden(page, () => ticketLink(page, title), 5_000);
    await snap(page, 'landing-while-reserved');
    await page.goBack();
    await page.getByRole('timer').waitFor();

    await page.getByText('Order Expired', { exact: true }).waitFor({ timeout: (ORDER_SECONDS + 5) * 1000 });
    expect(await page.getByRole('button', { name: 'Pay' }).count()).toBe(0);
    await snap(page, 'order-expired');

    // The server agrees: the expiration service cancels the order and the ticket is released.
    await reloadUntilVisible(page, () => page.getByText('cancelled', { exact: true }), 15_000);
    await snap(page, 'order-cancelled-after-reload');
    await page.goto('/');
    await reloadUntilVisible(page, () => ticketLink(page, title), 15_000);
    await snap(page, 'ticket-back-on-sale');
  });

  it('shows the API\'s field errors by the field that caused them, and refuses buying your own ticket', async () => {
    const snap = screenshotsFor('field-errors');
    const page = await visitor();
    await page.goto('/auth/signup');
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign Up' }).click();
    await alertWith(page, 'Email must be valid').waitFor();
    expect(await fieldError(page, 'Email')).toEqual({ text: 'Email must be valid', invalid: 'true' });
    expect(await fieldError(page, 'Password')).toEqual({ text: null, invalid: null });
    expect(pathOf(page)).toBe('/auth/signup');
    await snap(page, 'sign-up-bad-email');

    await signUp(page, uniqueEmail('seller'), snap);
    await fillTicketForm(page, '', '10');
    await page.getByRole('button', { name: 'Create Ticket' }).click();
    await alertWith(page, 'Title is required').waitFor();
    expect(await fieldError(page, 'Title')).toEqual({ text: 'Title is required', invalid: 'true' });
    expect(await fieldError(page, 'Price')).toEqual({ text: null, invalid: null });
    expect(pathOf(page)).toBe('/tickets/new');
    await snap(page, 'sell-empty-title');

    const title = uniqueTitle('Own Show');
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByRole('button', { name: 'Create Ticket' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await openTicketFromLanding(page, title, snap);
    await page.getByRole('button', { name: 'Purchase' }).click();
    await alertWith(page, 'You cannot buy your own ticket').waitFor();
    expect(pathOf(page)).toMatch(/^\/tickets\//);
    await snap(page, 'buy-own-ticket');
  });

  it('is usable at phone width (375 px): header links, sign-in and selling fit the screen', async () => {
    const snap = screenshotsFor('phone');
    const email = uniqueEmail('phone');
    expect((await client(suite.stack.url)('POST', '/api/users/signup', { email, password: PASSWORD })).status).toBe(201);
    const page = await visitor('phone');
    await page.goto('/');
    const width = page.viewportSize()!.width;
    expect(width).toBe(375);
    for (const name of ['Sign Up', 'Sign In']) expect(await fitsWidth(navLink(page, name), width)).toBe(true);
    await snap(page, 'landing-signed-out');

    await navLink(page, 'Sign In').tap();
    await page.waitForURL((url) => url.pathname === '/auth/signin');
    for (const label of ['Email', 'Password']) expect(await fitsWidth(page.getByLabel(label, { exact: true }), width)).toBe(true);
    expect(await fitsWidth(page.getByRole('button', { name: 'Sign In' }), width)).toBe(true);
    await signIn(page, email, snap);
    for (const name of ['Sell Tickets', 'My Orders']) expect(await fitsWidth(navLink(page, name), width)).toBe(true);
    expect(await fitsWidth(signOutButton(page), width)).toBe(true);
    // Nothing sticks out sideways, so the page never scrolls horizontally.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    const title = uniqueTitle('Pocket Gig');
    await sellTicket(page, title, '9.99', snap);
    expect(await fitsWidth(ticketLink(page, title), width)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
});
