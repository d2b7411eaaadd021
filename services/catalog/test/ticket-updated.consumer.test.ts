import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventData } from '@ticketing/common';
import { createEvent, listingCreated, startCatalog, type CatalogHarness } from './support/catalog-harness';

describe('ticket:updated → catalog', () => {
  let harness: CatalogHarness;
  beforeAll(async () => { harness = await startCatalog({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const availability = async (eventId: string) => {
    const { availableTickets, minPrice } = (await harness.service.http.inject({ url: `/api/events/${eventId}` })).json();
    return { availableTickets, minPrice };
  };
  const version = async (id: string) =>
    (await harness.database.db.query<{ version: number }>('SELECT version FROM listings WHERE id = $1', [id]))[0]?.version;
  const newEvent = async () => createEvent(harness, (await harness.sessions.newUser()).cookie);
  const list = async (eventId: string, price: number) => {
    const created = await harness.publish('ticket:created', listingCreated(eventId, { price }));
    await harness.handled(created);
    return created.data;
  };
  const update = (listing: EventData<'ticket:created'>, changes: Partial<EventData<'ticket:updated'>> & { version: number }) =>
    harness.publish('ticket:updated', { ...listing, ...changes });

  it('reserved, released and repriced listings move the count and the lowest price', async () => {
    const event = await newEvent();
    const cheap = await list(event.id, 30);
    await list(event.id, 50);
    expect(await availability(event.id)).toEqual({ availableTickets: 2, minPrice: 30 });
    await harness.handled(await update(cheap, { version: 1, orderId: crypto.randomUUID() }));
    expect(await availability(event.id)).toEqual({ availableTickets: 1, minPrice: 50 });
    await harness.handled(await update(cheap, { version: 2 }));
    expect(await availability(event.id)).toEqual({ availableTickets: 2, minPrice: 30 });
    await harness.handled(await update(cheap, { version: 3, price: 70 }));
    expect(await availability(event.id)).toEqual({ availableTickets: 2, minPrice: 50 });
  });

  it('a withdrawn listing is never counted again', async () => {
    const event = await newEvent();
    const listing = await list(event.id, 25);
    await harness.handled(await update(listing, { version: 1, withdrawn: true }));
    expect(await availability(event.id)).toEqual({ availableTickets: 0, minPrice: null });
  });

  it('the list shows the same counts as the page', async () => {
    const event = await newEvent();
    await list(event.id, 12.34);
    const listed = (await harness.service.http.inject({ url: `/api/events?q=${encodeURIComponent(event.name)}&limit=100` })).json() as Array<{ id: string }>;
    expect(listed.find((item) => item.id === event.id)).toMatchObject({ availableTickets: 1, minPrice: 12.34 });
  });

  it('versions out of order: v2 waits for v1, then both apply in order', async () => {
    const event = await newEvent();
    const listing = await list(event.id, 40);
    const orderId = crypto.randomUUID();
    // v2 (released) overtakes v1 (reserved): applied alone it would wrongly stay reserved after v1.
    const second = await update(listing, { version: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await version(listing.id)).toBe(0);
    const first = await update(listing, { version: 1, orderId });
    await harness.handled(first);
    await harness.handled(second);
    expect(await version(listing.id)).toBe(2);
    expect(await availability(event.id)).toEqual({ availableTickets: 1, minPrice: 40 });
  });

  it('an update that arrives before its listing waits for ticket:created', async () => {
    const event = await newEvent();
    const data = listingCreated(event.id, { price: 90 });
    const early = await update(data, { version: 1, orderId: crypto.randomUUID() });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await version(data.id)).toBeUndefined();
    await harness.handled(await harness.publish('ticket:created', data));
    await harness.handled(early);
    expect(await version(data.id)).toBe(1);
    expect(await availability(event.id)).toEqual({ availableTickets: 0, minPrice: null });
  });

  it('an older or repeated version is a duplicate with no effect', async () => {
    const event = await newEvent();
    const listing = await list(event.id, 40);
    await harness.handled(await update(listing, { version: 1, price: 45 }));
    await harness.handled(await update(listing, { version: 1, price: 99 }));
    expect(await availability(event.id)).toEqual({ availableTickets: 1, minPrice: 45 });
  });

  it('an update of a ticket tied to no event is ignored, not waited for', async () => {
    const data = listingCreated(undefined);
    const envelope = await harness.publish('ticket:updated', { ...data, version: 3, price: 11 });
    await harness.handled(envelope);
    expect(await version(data.id)).toBeUndefined();
  });
});
