import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromNow, eventInput, startCatalog, type CatalogHarness } from './support/catalog-harness';

describe('POST /api/events', () => {
  let harness: CatalogHarness;
  beforeAll(async () => { harness = await startCatalog({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const post = async (payload: unknown, cookie?: string) =>
    harness.service.http.inject({ method: 'POST', url: '/api/events', headers: cookie ? { cookie } : {}, payload: payload as object });

  it('a signed-in user creates an event: 201, scheduled, version 0, event:created published', async () => {
    const user = await harness.sessions.newUser();
    const startsAt = daysFromNow(40);
    const response = await post({ name: '  Jazz Night ', venue: ' Blue Note ', city: ' Paris ', country: 'fr', startsAt }, user.cookie);
    expect(response.statusCode).toBe(201);
    const event = response.json();
    expect(event).toEqual({
      id: expect.any(String), name: 'Jazz Night', venue: 'Blue Note', city: 'Paris', country: 'FR', startsAt,
      status: 'scheduled', version: 0, userId: user.id,
    });
    const message = await harness.waitForEvent('event:created', (data) => data.id === event.id);
    expect(message.data).toEqual({ ...event });
  });

  it('a start time with an offset is kept as the same instant, in UTC', async () => {
    const user = await harness.sessions.newUser();
    const response = await post(eventInput({ startsAt: '2099-06-01T20:00:00+02:00' }), user.cookie);
    expect(response.statusCode).toBe(201);
    expect(response.json().startsAt).toBe('2099-06-01T18:00:00.000Z');
  });

  it('nothing is published for a request that fails validation', async () => {
    const user = await harness.sessions.newUser();
    const outboxRows = async () => (await harness.database.db.query('SELECT id FROM outbox')).length;
    const before = await outboxRows();
    expect((await post(eventInput({ name: '' }), user.cookie)).statusCode).toBe(400);
    expect(await outboxRows()).toBe(before);
  });

  it('signed out: 401 with the error body', async () => {
    const response = await post(eventInput());
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ errors: [{ message: 'Not authorized' }] });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ name: 42 }, 'name'],
    [{ name: 'a\u0000b' }, 'name'],
    [{ name: undefined }, 'name'],
    [{ venue: '' }, 'venue'],
    [{ venue: 'v'.repeat(201) }, 'venue'],
    [{ venue: null }, 'venue'],
    [{ city: '' }, 'city'],
    [{ city: 'c'.repeat(101) }, 'city'],
    [{ country: 'FRA' }, 'country'],
    [{ country: 'F' }, 'country'],
    [{ country: '12' }, 'country'],
    [{ country: 'É1' }, 'country'],
    [{ country: '' }, 'country'],
    [{ country: 7 }, 'country'],
    [{ startsAt: 'next friday' }, 'startsAt'],
    [{ startsAt: '2099-06-01' }, 'startsAt'],
    [{ startsAt: '2099-06-01T20:00:00' }, 'startsAt'],
    [{ startsAt: '2099-02-30T20:00:00Z' }, 'startsAt'],
    [{ startsAt: '2099-13-01T20:00:00Z' }, 'startsAt'],
    [{ startsAt: '2099-06-01T25:00:00Z' }, 'startsAt'],
    [{ startsAt: '2099-06-01T20:00:00+25:00' }, 'startsAt'],
    [{ startsAt: '2020-06-01T20:00:00Z' }, 'startsAt'],
    // Past what PostgreSQL stores once in UTC (year 10000), and year 0.
    [{ startsAt: '9999-12-31T23:59:59-14:00' }, 'startsAt'],
    [{ startsAt: '0000-01-01T00:00:00Z' }, 'startsAt'],
    [{ startsAt: daysFromNow(-0.001) }, 'startsAt'],
    [{ startsAt: 1893456000000 }, 'startsAt'],
    [{ startsAt: '' }, 'startsAt'],
    [{ startsAt: '\ud800' }, 'startsAt'],
    [{ startsAt: undefined }, 'startsAt'],
  ])('invalid body %j → 400 naming %s', async (overrides, field) => {
    const user = await harness.sessions.newUser();
    const response = await post({ ...eventInput(), ...overrides }, user.cookie);
    expect(response.statusCode).toBe(400);
    const errors = response.json().errors as Array<{ message: string; field?: string }>;
    expect(errors.map((error) => error.field)).toEqual([field]);
    for (const error of errors) expect(error.message).toEqual(expect.any(String));
  });

  it('a start in the past says so on startsAt', async () => {
    const user = await harness.sessions.newUser();
    const response = await post(eventInput({ startsAt: '2001-01-01T00:00:00Z' }), user.cookie);
    expect(response.json().errors).toEqual([{ field: 'startsAt', message: 'startsAt must be in the future' }]);
  });

  it('several fields wrong → one error per field', async () => {
    const user = await harness.sessions.newUser();
    const response = await post({ name: '', venue: '', city: '', country: 'x', startsAt: 'soon' }, user.cookie);
    const fields = response.json().errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['city', 'country', 'name', 'startsAt', 'venue']);
  });

  it('a body that is no object is a 400, not a 500', async () => {
    const user = await harness.sessions.newUser();
    for (const payload of ['[]', '"x"', 'null']) {
      const response = await harness.service.http.inject({
        method: 'POST', url: '/api/events', headers: { cookie: user.cookie, 'content-type': 'application/json' }, payload,
      });
      expect(response.statusCode, payload).toBe(400);
    }
  });

  it('the last instant PostgreSQL stores is accepted', async () => {
    const user = await harness.sessions.newUser();
    const response = await post(eventInput({ startsAt: '9999-12-31T23:59:59Z' }), user.cookie);
    expect(response.statusCode).toBe(201);
    expect(response.json().startsAt).toBe('9999-12-31T23:59:59.000Z');
  });

  it('the longest names are accepted (200, 200, 100 characters)', async () => {
    const user = await harness.sessions.newUser();
    const response = await post(eventInput({ name: 'n'.repeat(200), venue: 'v'.repeat(200), city: 'c'.repeat(100) }), user.cookie);
    expect(response.statusCode).toBe(201);
  });

  it('the OpenAPI document lists the routes', async () => {
    const response = await harness.service.http.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toEqual(expect.arrayContaining(['/api/events', '/api/events/{id}', '/api/events/{id}/cancel']));
  });
});
