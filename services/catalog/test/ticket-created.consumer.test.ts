import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, eventInput, listingCreated, startCatalog, type CatalogHarness } from './support/catalog-harness';

// Over a RabbitMQ exchange of this suite's own: ticket events in, event:* out.
describe('ticket:created → catalog (RabbitMQ)', () => {
  let harness: CatalogHarness;
  beforeAll(async () => { harness = await startCatalog({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  const show = async (id: string) => (await harness.service.http.inject({ url: `/api/events/${id}` })).json();
  const listingRows = (id: string) => harness.database.db.query('SELECT * FROM listings WHERE id = $1', [id]);

  it('a listing of an event enters the replica: counted, at its price', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    const created = await harness.publish('ticket:created', listingCreated(event.id, { price: 42.5, faceValue: 40, capPercent: 120 }));
    await harness.handled(created);
    expect(await show(event.id)).toMatchObject({ availableTickets: 1, minPrice: 42.5 });
    expect(await listingRows(created.data.id)).toEqual([expect.objectContaining({
      event_id: event.id, price_cents: 4250, face_value_cents: 4000, cap_percent: 120, reserved: false, withdrawn: false, version: 0,
    })]);
  });

  it('a ticket tied to no event is not kept', async () => {
    const created = await harness.publish('ticket:created', listingCreated(undefined, { title: 'Seed listing', price: 20 }));
    await harness.handled(created);
    expect(await listingRows(created.data.id)).toEqual([]);
  });

  it('the same ticket:created delivered twice has one effect', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    const created = await harness.publish('ticket:created', listingCreated(event.id));
    await harness.bus.publish([{ envelope: created, headers: {} }]);
    await harness.handled(created);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await show(event.id)).toMatchObject({ availableTickets: 1 });
  });

  it('POST, PUT and cancel each publish their subject through RabbitMQ', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    expect((await harness.waitForEvent('event:created', (data) => data.id === event.id)).data).toEqual(event);
    const edited = await harness.service.http.inject({ method: 'PUT', url: `/api/events/${event.id}`, headers: { cookie: user.cookie }, payload: eventInput({ name: 'Renamed' }) });
    expect((await harness.waitForEvent('event:updated', (data) => data.id === event.id)).data).toEqual(edited.json());
    const cancelled = await harness.service.http.inject({ method: 'POST', url: `/api/events/${event.id}/cancel`, headers: { cookie: user.cookie } });
    expect((await harness.waitForEvent('event:cancelled', (data) => data.id === event.id)).data).toEqual(cancelled.json());
    expect(harness.messagesOf(event.id).map((message) => [message.subject, (message.data as { version: number }).version]))
      .toEqual([['event:created', 0], ['event:updated', 1], ['event:cancelled', 2]]);
  });
});
