import { describe, expect, it } from 'vitest';
import { client } from '../support/stack-process';
import { useBrowserStack } from './support/browser-stack';
import { screenshotsFor } from './support/screenshots';
import {
  CARDS, PASSWORD, fieldError, fillCard, navLink, orderRow, pathOf, purchase, reloadUntilVisible, signIn, signOut, signUp,
  ticketLink, uniqueEmail, uniqueTitle,
} from './support/marketplace-ui';
import { eventCard, eventLink, horizontalOverflow, inNinetyDays, nextYearLocal, searchEvents, submitEventForm } from './support/events-ui';

// Events, face values and price caps (issue 15) in a real Chromium against `npm start`: find an
// event, buy a ticket for it at a capped price, and see a cancelled event's buyers made whole.
describe('events in the web client', () => {
  const suite = useBrowserStack(() => ({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } }));
  const visitor = suite.visitor;

  /** A seller (through the API) with one event in `city` and one listing for it. */
  async function sellerWithListing(eventName: string, city: string, country: string, title: string, faceValue: number, price: number) {
    const seller = client(suite.stack.url);
    const email = uniqueEmail('seller');
    expect((await seller('POST', '/api/users/signup', { email, password: PASSWORD })).status).toBe(201);
    const event = await seller('POST', '/api/events', { name: eventName, venue: 'Paradiso', city, country, startsAt: inNinetyDays() });
    expect(event.status).toBe(201);
    const ticket = await seller('POST', '/api/tickets', { eventId: event.body.id, title, faceValue, price });
    expect(ticket.status).toBe(201);
    return { seller, email, eventId: event.body.id as string, ticketId: ticket.body.id as string };
  }

  it('creates an event, lists a ticket at a capped price, finds the event by search and city, buys the ticket and pays', async () => {
    const snap = screenshotsFor('events-journey');
    const page = await visitor();
    const eventName = uniqueTitle('Journey Festival');
    const suffix = eventName.split(' ').pop()!;
    const title = uniqueTitle('Journey Festival Saturday');

    // The seller starts selling, doesn't find the event, creates it, and lands back on the form with it picked.
    await signUp(page, uniqueEmail('seller'), snap);
    await navLink(page, 'Sell Tickets').click();
    await page.waitForURL((url) => url.pathname === '/tickets/new');
    await page.getByLabel('Event', { exact: true }).fill(suffix);
    await page.getByText('No upcoming event matches.').waitFor();
    await snap(page, 'event-not-found');
    await page.getByRole('link', { name: 'Add the event' }).click();
    await page.waitForURL((url) => url.pathname === '/events/new');
    await submitEventForm(page, { name: eventName, venue: 'TivoliVredenburg', city: 'Utrecht', country: 'nl' }, nextYearLocal(), snap);
    await page.waitForURL((url) => url.pathname === '/tickets/new' && url.searchParams.has('eventId'));
    await page.getByRole('main').getByText(eventName, { exact: true }).waitFor();
    await snap(page, 'sell-form-event-picked');

    // Above the cap (120 % of 50 in NL): refused, with the reason next to the price field.
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Face value', { exact: true }).fill('50');
    await page.getByLabel('Price', { exact: true }).fill('75');
    await page.getByRole('button', { name: 'Create Ticket' }).click();
    await page.getByLabel('Price', { exact: true }).and(page.locator('[aria-invalid="true"]')).waitFor();
    const priceError = await fieldError(page, 'Price');
    expect(priceError.invalid).toBe('true');
    expect(priceError.text).toMatch(/120/);
    expect(priceError.text).toMatch(/60(\.00)?/);
    expect((await fieldError(page, 'Face value')).text).toBeNull();
    expect(pathOf(page)).toBe('/tickets/new');
    await snap(page, 'price-above-cap');

    // At the cap: listed, and the ticket's page shows its event, face value and cap.
    await page.getByLabel('Price', { exact: true }).fill('60');
    await page.getByRole('button', { name: 'Create Ticket' }).click();
    await page.waitForURL((url) => /^\/tickets\/[^/]+$/.test(url.pathname) && url.pathname !== '/tickets/new');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('main').getByRole('link', { name: eventName, exact: true }).waitFor();
    await page.getByText('Face value $50.00', { exact: true }).waitFor();
    await page.getByText('≤ 120 % of face value', { exact: true }).waitFor();
    await snap(page, 'listed-ticket');
    await signOut(page, snap);

    // A buyer finds it from the landing page: the search and the city narrow it down.
    await signUp(page, uniqueEmail('buyer'), snap);
    await searchEvents(page, `journey ${suffix}`, 'Rotterdam');
    await page.getByText('No upcoming events match that search.').waitFor();
    expect(await eventLink(page, eventName).count()).toBe(0);
    await snap(page, 'search-other-city');
    await searchEvents(page, `journey ${suffix}`, 'utrecht');
    // The catalog counts listings from ticket events, so the offer may appear a moment later.
    await reloadUntilVisible(page, () => eventCard(page, eventName).getByText('from $60.00', { exact: true }), 10_000);
    const card = eventCard(page, eventName);
    await card.getByText('1 ticket available', { exact: true }).waitFor();
    await card.getByText('TivoliVredenburg, Utrecht', { exact: true }).waitFor();
    // The time typed in the browser's zone is the instant the catalog stored.
    const typed = await page.evaluate((local) => new Date(local).toISOString(), nextYearLocal());
    expect(Date.parse((await card.locator('time').getAttribute('datetime'))!)).toBe(Date.parse(typed));
    await snap(page, 'search-found');

    await eventLink(page, eventName).click();
    await page.waitForURL((url) => url.pathname.startsWith('/events/'));
    await page.getByRole('heading', { level: 1, name: eventName }).waitFor();
    // `has` is searched inside each list item, so the link locator must not start from <main>.
    const listing = page.getByRole('list', { name: 'Tickets for this event' }).getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: title, exact: true }) });
    await listing.getByText('≤ 120 % of face value', { exact: true }).waitFor();
    await listing.getByText('Face value $50.00', { exact: true }).waitFor();
    await listing.getByText('$60.00', { exact: true }).waitFor();
    // Not the creator: no controls for the event.
    expect(await page.getByRole('button', { name: 'Cancel event' }).count()).toBe(0);
    await snap(page, 'event-page');

    await ticketLink(page, title).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await purchase(page, snap);
    await fillCard(page, CARDS.succeeds);
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL((url) => url.pathname === '/orders');
    await reloadUntilVisible(page, () => orderRow(page, title).getByText('complete', { exact: true }), 10_000);
    await snap(page, 'order-complete');
  });

  it('at phone width (375 px) the landing page, search, event page and forms never scroll sideways', async () => {
    const snap = screenshotsFor('events-phone');
    const eventName = uniqueTitle('Pocket Philharmonic Orchestra Extraordinarily Long Name');
    const title = uniqueTitle('Pocket Philharmonic front row');
    const { eventId } = await sellerWithListing(eventName, 'Amsterdam', 'NL', title, 40, 48);
    const page = await visitor('phone');
    expect(page.viewportSize()!.width).toBe(375);
    const fits = async (step: string) => {
      const { scrollWidth, innerWidth } = await horizontalOverflow(page);
      expect(innerWidth, step).toBe(375);
      expect(scrollWidth, step).toBeLessThanOrEqual(innerWidth);
      await snap(page, step);
    };

    await page.goto('/');
    await page.getByRole('search').waitFor();
    await fits('landing');
    await searchEvents(page, eventName.split(' ').pop()!, 'amsterdam');
    await reloadUntilVisible(page, () => eventCard(page, eventName).getByText('from $48.00', { exact: true }), 10_000);
    await fits('search-results');

    await eventLink(page, eventName).tap();
    await page.waitForURL((url) => url.pathname === `/events/${eventId}`);
    await ticketLink(page, title).waitFor();
    await fits('event-page');
    await ticketLink(page, title).tap();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await fits('ticket-page');

    await signUp(page, uniqueEmail('phone'), snap);
    await page.goto('/events/new');
    await page.getByLabel('Event name', { exact: true }).waitFor();
    await fits('event-form');
    // Selling for an existing event: search as you type, then pick it.
    await page.goto('/tickets/new');
    await page.getByLabel('Event', { exact: true }).fill(eventName.split(' ').slice(0, 2).join(' ').toLowerCase());
    const option = page.getByRole('list', { name: 'Matching events' }).getByRole('button', { name: eventName });
    await option.waitFor();
    await fits('sell-form-search');
    await option.tap();
    await page.getByRole('button', { name: 'Change event' }).waitFor();
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(eventName);
    await page.getByLabel('Face value', { exact: true }).fill('40');
    await page.getByText('At most $48.00: 120 % of the face value (the cap for NL).', { exact: false }).waitFor();
    await fits('sell-form');
  });

  it('cancelling an event shows its paid order "Refunded — event cancelled" and its unpaid one "Cancelled — event cancelled"', async () => {
    const snap = screenshotsFor('events-cancel');
    const eventName = uniqueTitle('Cancelled Tour');
    const paidTitle = uniqueTitle('Cancelled Tour paid seat');
    const { seller, email: sellerEmail, eventId } = await sellerWithListing(eventName, 'Lisbon', 'PT', paidTitle, 30, 30);
    const openTitle = uniqueTitle('Cancelled Tour open seat');
    expect((await seller('POST', '/api/tickets', { eventId, title: openTitle, faceValue: 30, price: 25 })).status).toBe(201);

    // The buyer reserves one ticket and pays in the browser, and reserves another without paying.
    const buyer = await visitor();
    await signUp(buyer, uniqueEmail('buyer'), snap);
    await buyer.goto(`/events/${eventId}`);
    await reloadUntilVisible(buyer, () => ticketLink(buyer, paidTitle), 10_000);
    await ticketLink(buyer, paidTitle).click();
    await buyer.getByRole('heading', { level: 1, name: paidTitle }).waitFor();
    await purchase(buyer, snap);
    await fillCard(buyer, CARDS.succeeds);
    await buyer.getByRole('button', { name: 'Pay' }).click();
    await buyer.waitForURL((url) => url.pathname === '/orders');
    await reloadUntilVisible(buyer, () => orderRow(buyer, paidTitle).getByText('complete', { exact: true }), 10_000);
    await buyer.goto(`/events/${eventId}`);
    await reloadUntilVisible(buyer, () => ticketLink(buyer, openTitle), 10_000);
    await ticketLink(buyer, openTitle).click();
    await buyer.getByRole('heading', { level: 1, name: openTitle }).waitFor();
    await purchase(buyer, snap);

    // The seller cancels from the event page, confirming first.
    const page = await visitor();
    await page.goto('/auth/signin');
    await signIn(page, sellerEmail, snap);
    await page.goto(`/events/${eventId}`);
    // Its creator may edit it first (the whole body is sent again, the date as the form shows it).
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/events/${eventId}/edit`);
    await expect.poll(() => page.getByLabel('Date and time', { exact: true }).inputValue()).not.toBe('');
    await page.getByLabel('Venue', { exact: true }).fill('Coliseu dos Recreios');
    await page.getByRole('button', { name: 'Save event' }).click();
    await page.waitForURL((url) => url.pathname === `/events/${eventId}`);
    await page.getByText('Coliseu dos Recreios', { exact: true }).waitFor();
    await snap(page, 'event-edited');
    await page.getByRole('button', { name: 'Cancel event' }).click();
    await page.getByText('Cancel this event?').waitFor();
    await snap(page, 'confirm-cancel');
    await page.getByRole('button', { name: 'Keep the event' }).click();
    expect(await page.getByText('Cancelled', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Cancel event' }).click();
    await page.getByRole('button', { name: 'Yes, cancel the event' }).click();
    await page.getByText('Cancelled', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel event' }).count()).toBe(0);
    await snap(page, 'event-cancelled');

    // Orders hears of it by event: the buyer's list catches up within seconds.
    await buyer.goto('/orders');
    await reloadUntilVisible(buyer, () => orderRow(buyer, paidTitle).getByText('Refunded — event cancelled', { exact: true }), 20_000);
    await reloadUntilVisible(buyer, () => orderRow(buyer, openTitle).getByText('Cancelled — event cancelled', { exact: true }), 20_000);
    await snap(buyer, 'orders-after-cancellation');
    await orderRow(buyer, paidTitle).getByRole('link', { name: paidTitle, exact: true }).click();
    await buyer.getByText('Refunded — event cancelled', { exact: true }).waitFor();
    expect(await buyer.getByRole('button', { name: 'Pay' }).count()).toBe(0);
    await snap(buyer, 'refunded-order');
  });
});

