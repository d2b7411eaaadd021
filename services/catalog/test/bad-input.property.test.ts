// Whatever arrives, every catalog route answers 2xx or 4xx with the error body: never a 5xx.
// Random bodies and query strings, built around the fields each route reads.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, startCatalog, type CatalogHarness } from './support/catalog-harness';

const junk = fc.oneof(
  fc.string(), fc.string({ unit: 'grapheme' }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(''),
  fc.constantFrom('2030-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00', '2030-02-30T00:00:00Z', 'FR', 'fr', '\u0000', '\ud800'),
  fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);
const body = fc.record({ name: junk, venue: junk, city: junk, country: junk, startsAt: junk }, { requiredKeys: [] });
const queryValue = fc.oneof(
  fc.string(), fc.string({ unit: 'grapheme' }), fc.integer().map(String),
  fc.constantFrom('0', '101', '2030-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00', '%00', '%ED%A0%80', '&|!:*', "'"),
);
const query = fc.dictionary(fc.constantFrom('q', 'city', 'from', 'to', 'limit', 'after'), queryValue, { maxKeys: 6 });

describe('catalog bad input (property)', () => {
  let harness: CatalogHarness;
  let cookie: string;
  let eventId: string;
  beforeAll(async () => {
    harness = await startCatalog({ bus: 'memory' });
    cookie = (await harness.sessions.newUser()).cookie;
    eventId = (await createEvent(harness, cookie)).id;
  });
  afterAll(() => harness.close());

  const expectNo5xx = (response: { statusCode: number; body: string }, what: string) => {
    expect(response.statusCode, `${what} → ${response.body}`).toBeLessThan(500);
    if (response.statusCode >= 400) expect(JSON.parse(response.body).errors[0].message, what).toEqual(expect.any(String));
  };

  it('POST and PUT with any body', async () => {
    await fc.assert(fc.asyncProperty(body, async (payload) => {
      const created = await harness.service.http.inject({ method: 'POST', url: '/api/events', headers: { cookie }, payload });
      expectNo5xx(created, `POST ${JSON.stringify(payload)}`);
      const edited = await harness.service.http.inject({ method: 'PUT', url: `/api/events/${eventId}`, headers: { cookie }, payload });
      expectNo5xx(edited, `PUT ${JSON.stringify(payload)}`);
    }), { numRuns: 150 });
  });

  it('GET /api/events with any query', async () => {
    await fc.assert(fc.asyncProperty(query, async (params) => {
      const url = `/api/events?${Object.entries(params).map(([name, value]) => `${name}=${value.startsWith('%') ? value : encodeURIComponent(value)}`).join('&')}`;
      expectNo5xx(await harness.service.http.inject({ url }), url);
    }), { numRuns: 300 });
  });

  it('any id in a path', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ minLength: 1 }), async (id) => {
      const path = encodeURIComponent(id);
      expectNo5xx(await harness.service.http.inject({ url: `/api/events/${path}` }), `GET ${path}`);
      expectNo5xx(await harness.service.http.inject({ method: 'POST', url: `/api/events/${path}/cancel`, headers: { cookie } }), `cancel ${path}`);
    }), { numRuns: 100 });
  });
});
