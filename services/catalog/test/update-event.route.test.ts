import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, daysFromNow, eventInput, startCatalog, type CatalogHarness } from './support/catalog-harness';

describe('PUT /api/events/:id', () => {
  let harness: CatalogHarness;
  beforeAll(async () => { harness = await startCatalog({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const put = (id: string, payload: unknown, cookie?: string) =>
    harness.service.http.inject({ method: 'PUT', url: `/api/events/${id}`, headers: cookie ? { cookie } : {}, payload: payload as object });

  it('its creator edits the whole event: 200, version + 1, event:updated with the new record', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie, { name: 'Old name' });
    const startsAt = daysFromNow(60);
    const response = await put(event.id, { name: 'New name', venue: 'Arena', city: 'Lyon', country: 'fr', startsAt }, user.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: event.id, name: 'New name', venue: 'Arena', city: 'Lyon', country: 'FR', startsAt, status: 'scheduled', version: 1, userId: user.id,
    });
    const message = await harness.waitForEvent('event:updated', (data) => data.id === event.id);
    expect(message.data).toEqual(response.json());
    const again = await put(event.id, eventInput({ name: 'Third' }), user.cookie);
    expect(again.json().version).toBe(2);
    await harness.waitForEvent('event:updated', (data) => data.id === event.id && data.version === 2);
  });

  it('the edit shows on the event page', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    await put(event.id, eventInput({ venue: 'Zenith' }), user.cookie);
    expect((await harness.service.http.inject({ url: `/api/events/${event.id}` })).json()).toMatchObject({ venue: 'Zenith', version: 1 });
  });

  it('signed out: 401', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    expect((await put(event.id, eventInput())).statusCode).toBe(401);
  });

  it('someone else: 403, the event unchanged and nothing published', async () => {
    const owner = await harness.sessions.newUser();
    const other = await harness.sessions.newUser();
    const event = await createEvent(harness, owner.cookie, { name: 'Mine' });
    const response = await put(event.id, eventInput({ name: 'Theirs' }), other.cookie);
    expect(response.statusCode).toBe(403);
    expect(response.json().errors[0].message).toEqual(expect.any(String));
    expect((await harness.service.http.inject({ url: `/api/events/${event.id}` })).json()).toMatchObject({ name: 'Mine', version: 0 });
    const updates = await harness.database.db.query("SELECT 1 FROM outbox WHERE subject = 'event:updated' AND envelope->'data'->>'id' = $1", [event.id]);
    expect(updates).toHaveLength(0);
  });

  it.each([crypto.randomUUID(), 'not-an-id', '123'])('unknown or malformed id %s: 404', async (id) => {
    const user = await harness.sessions.newUser();
    const response = await put(id, eventInput(), user.cookie);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ errors: [{ message: 'Event not found' }] });
  });

  it('a cancelled event cannot be edited: 400', async () => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    await harness.service.http.inject({ method: 'POST', url: `/api/events/${event.id}/cancel`, headers: { cookie: user.cookie } });
    const response = await put(event.id, eventInput(), user.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ errors: [{ message: 'Cannot edit a cancelled event' }] });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ country: 'France' }, 'country'],
    [{ startsAt: '2001-01-01T00:00:00Z' }, 'startsAt'],
    [{ startsAt: 'tomorrow' }, 'startsAt'],
    [{ city: undefined }, 'city'],
  ])('invalid body %j → 400 naming %s (the whole body is required)', async (overrides, field) => {
    const user = await harness.sessions.newUser();
    const event = await createEvent(harness, user.cookie);
    const response = await put(event.id, { ...eventInput(), ...overrides }, user.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual([field]);
  });
});
