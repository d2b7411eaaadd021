import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, startCatalog, type CatalogHarness } from './support/catalog-harness';

describe('POST /api/events/:id/cancel', () => {
  let harness: CatalogHarness;
  beforeAll(async () => { harness = await startCatalog({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const cancel = (id: string, cookie?: string) =>
    harness.service.http.inject({ method: 'POST', url: `/api/events/${id}/cancel`, headers: cookie ? { cookie } : {} });
  const cancelledMessages = async (id: string) =>
    harness.database.db.query("SELECT 1 FROM outbox WHERE subject = 'event:cancelled' AND envelope->'data'->>'id' = $1", [id]);

  it('its creator cancels: 200 cancelled, version + 1, event:cancelled with the whole record', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    const response = await cancel(event.id, user.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ...event, status: 'cancelled', version: 1 });
    const message = await harness.waitForEvent('event:cancelled', (data) => data.id === event.id);
    expect(message.data).toEqual({ ...event, status: 'cancelled', version: 1 });
  });

  it('cancelling a cancelled event is a no-op 200 with no second event:cancelled', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    await cancel(event.id, user.cookie);
    const again = await cancel(event.id, user.cookie);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'cancelled', version: 1 });
    expect(await cancelledMessages(event.id)).toHaveLength(1);
  });

  it('a cancelled event leaves the browse list but its page still answers', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie, { name: 'Vanishing act' });
    await cancel(event.id, user.cookie);
    const list = (await harness.service.http.inject({ url: '/api/events?q=vanishing' })).json() as Array<{ id: string }>;
    expect(list.map((item) => item.id)).not.toContain(event.id);
    const page = await harness.service.http.inject({ url: `/api/events/${event.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ status: 'cancelled', availableTickets: 0, minPrice: null, tickets: [] });
  });

  it('signed out: 401', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    expect((await cancel(event.id)).statusCode).toBe(401);
  });

  it('someone else: 403 and the event stays scheduled', async () => {
    const owner = await harness.sessions.newUser();
    const other = await harness.sessions.newUser();
    const event = await createEvent(harness, owner.cookie);
    expect((await cancel(event.id, other.cookie)).statusCode).toBe(403);
    expect((await harness.service.http.inject({ url: `/api/events/${event.id}` })).json()).toMatchObject({ status: 'scheduled', version: 0 });
    expect(await cancelledMessages(event.id)).toHaveLength(0);
  });

  it('someone else cancelling a cancelled event is still 403', async () => {
    const owner = await harness.sessions.newUser();
    const other = await harness.sessions.newUser();
    const event = await createEvent(harness, owner.cookie);
    await cancel(event.id, owner.cookie);
    expect((await cancel(event.id, other.cookie)).statusCode).toBe(403);
  });

  it.each([crypto.randomUUID(), 'nope', '%20'])('unknown or malformed id %s: 404', async (id) => {
    const user = await harness.sessions.newUser();
    const response = await cancel(id, user.cookie);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ errors: [{ message: 'Event not found' }] });
  });
});
