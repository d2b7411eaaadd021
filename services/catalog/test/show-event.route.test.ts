import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, listingCreated, startCatalog, type CatalogHarness } from './support/catalog-harness';

describe('GET /api/events/:id', () => {
  let harness: CatalogHarness;
  beforeAll(async () => { harness = await startCatalog({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const show = (id: string) => harness.service.http.inject({ url: `/api/events/${id}` });

  it('an event with its available listings, cheapest first, in ticket JSON', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    const seller = crypto.randomUUID();
    const listings = [];
    for (const price of [120, 35, 60]) {
      const created = await harness.publish('ticket:created', listingCreated(event.id, { price, title: `Seat at ${price}`, userId: seller, faceValue: 100, capPercent: 120 }));
      await harness.handled(created);
      listings.push(created.data);
    }
    const response = await show(event.id);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ...event, availableTickets: 3, minPrice: 35,
      tickets: [listings[1], listings[2], listings[0]].map((listing) => ({
        id: listing.id, title: listing.title, price: listing.price, userId: seller, version: 0, reserved: false,
        eventId: event.id, faceValue: 100, capPercent: 120,
      })),
    });
  });

  it('a listing without a face value shows none', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    const data = listingCreated(event.id, { price: 10 });
    delete data.faceValue;
    delete data.capPercent;
    await harness.handled(await harness.publish('ticket:created', data));
    const [ticket] = (await show(event.id)).json().tickets;
    expect(ticket).not.toHaveProperty('faceValue');
    expect(ticket).not.toHaveProperty('capPercent');
  });

  it('reserved and withdrawn listings are not on the page', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    const [kept, reserved, withdrawn] = await Promise.all([10, 20, 30].map((price) => harness.publish('ticket:created', listingCreated(event.id, { price }))));
    for (const created of [kept, reserved, withdrawn]) await harness.handled(created);
    await harness.handled(await harness.publish('ticket:updated', { ...reserved.data, version: 1, orderId: crypto.randomUUID() }));
    await harness.handled(await harness.publish('ticket:updated', { ...withdrawn.data, version: 1, withdrawn: true }));
    const page = (await show(event.id)).json();
    expect(page.tickets.map((ticket: { id: string }) => ticket.id)).toEqual([kept.data.id]);
    expect(page).toMatchObject({ availableTickets: 1, minPrice: 10 });
  });

  it('an event with nothing on sale: 0 and null', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    expect((await show(event.id)).json()).toMatchObject({ availableTickets: 0, minPrice: null, tickets: [] });
  });

  it.each([crypto.randomUUID(), 'not-an-id', 'DROP TABLE', '0'.repeat(36)])('unknown or malformed id %s: 404 with the error body', async (id) => {
    const response = await show(encodeURIComponent(id));
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ errors: [{ message: 'Event not found' }] });
  });
});
