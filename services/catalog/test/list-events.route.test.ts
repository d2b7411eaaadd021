import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/domain/cursor';
import { createEvent, listingCreated, startCatalog, type CatalogHarness, type EventJson } from './support/catalog-harness';

// Each suite has its own schema, so the list holds only the events made here. The service's clock
// is this suite's: moving it on makes earlier events "started" (the list is upcoming by default).
describe('GET /api/events', () => {
  let harness: CatalogHarness;
  let clock = Date.parse('2031-03-01T12:00:00.000Z');
  const at = (hours: number) => new Date(clock + hours * 3_600_000).toISOString();
  const events: Record<string, EventJson> = {};
  let owner: { cookie: string };

  beforeAll(async () => {
    harness = await startCatalog({ bus: 'memory', now: () => new Date(clock) });
    owner = await harness.sessions.newUser();
    const make = async (key: string, hours: number, body: { name: string; venue: string; city: string; country?: string }) => {
      events[key] = await createEvent(harness, owner.cookie, { country: 'FR', ...body, startsAt: at(hours) });
    };
    await make('jazzParis', 10, { name: 'Jazz Night', venue: 'New Morning', city: 'Paris' });
    await make('jazzLyon', 20, { name: 'Jazz à Vienne', venue: 'Théâtre Antique', city: 'Lyon' });
    await make('rockZurich', 30, { name: 'AC/DC Power Up', venue: 'Hallenstadion', city: 'Zürich', country: 'ch' });
    await make('operaParis', 40, { name: 'La Traviata', venue: 'Opéra Bastille', city: 'PARIS' });
    await make('parisNord', 50, { name: 'Electro Night', venue: 'Le Nord', city: 'Paris Nord' });
    await make('cancelled', 60, { name: 'Jazz Cancelled', venue: 'Nowhere', city: 'Paris' });
    await harness.service.http.inject({ method: 'POST', url: `/api/events/${events.cancelled.id}/cancel`, headers: { cookie: owner.cookie } });
    // Two listings on sale for the Paris jazz night, one reserved.
    for (const [price, reserved] of [[80, false], [45.5, false], [20, true]] as const) {
      const created = await harness.publish('ticket:created', listingCreated(events.jazzParis.id, { price }));
      await harness.handled(created);
      if (reserved) {
        const update = await harness.publish('ticket:updated', { ...created.data, version: 1, orderId: crypto.randomUUID() });
        await harness.handled(update);
      }
    }
  });
  afterAll(() => harness.close());

  const get = (url: string) => harness.service.http.inject({ method: 'GET', url });
  const ids = async (url: string) => {
    const response = await get(url);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return (response.json() as Array<{ id: string }>).map((event) => event.id);
  };
  const keys = (...names: string[]) => names.map((name) => events[name].id);

  it('lists scheduled events soonest first, anonymously, each with what is on sale', async () => {
    const response = await get('/api/events');
    expect(response.statusCode).toBe(200);
    expect(response.json().map((event: { id: string }) => event.id)).toEqual(keys('jazzParis', 'jazzLyon', 'rockZurich', 'operaParis', 'parisNord'));
    expect(response.headers.link).toBeUndefined();
    expect(response.json()[0]).toEqual({ ...events.jazzParis, availableTickets: 2, minPrice: 45.5 });
    expect(response.json()[1]).toMatchObject({ availableTickets: 0, minPrice: null });
  });

  it('is upcoming by default: an event that has started is no longer listed', async () => {
    const saved = clock;
    clock += 15 * 3_600_000;
    try {
      expect(await ids('/api/events')).toEqual(keys('jazzLyon', 'rockZurich', 'operaParis', 'parisNord'));
    } finally {
      clock = saved;
    }
  });

  it.each([
    ['jazz', ['jazzParis', 'jazzLyon']],
    ['JAZ', ['jazzParis', 'jazzLyon']],
    ['ja', ['jazzParis', 'jazzLyon']],
    ['jazz paris', ['jazzParis']],
    ['paris jazz', ['jazzParis']],
    ['night', ['jazzParis', 'parisNord']],
    ['vienne theatre', ['jazzLyon']],
    ['THÉÂTRE', ['jazzLyon']],
    ['zurich', ['rockZurich']],
    ['zür', ['rockZurich']],
    ['ac/dc', ['rockZurich']],
    ['ac dc', ['rockZurich']],
    ['opera bastille', ['operaParis']],
    ['paris', ['jazzParis', 'operaParis', 'parisNord']],
    ['nord', ['parisNord']],
    ['jazz rock', []],
    ['xyz', []],
  ])('q=%s finds %j (every word, as a prefix, over name, venue and city)', async (q, expected) => {
    expect(await ids(`/api/events?q=${encodeURIComponent(q)}`)).toEqual(keys(...expected));
  });

  it.each(["jazz & !", "jazz:*|b", "(jazz", "'jazz'", 'jazz <-> night', "\\'; DROP TABLE events; --", 'jazz\u0000'])(
    'tsquery operators and quotes in q are only separators: %j answers 200', async (q) => {
      const response = await get(`/api/events?q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
      expect(Array.isArray(response.json())).toBe(true);
    });

  it('operators typed around words still match the words', async () => {
    expect(await ids(`/api/events?q=${encodeURIComponent('!jazz & | paris:*')}`)).toEqual(keys('jazzParis'));
  });

  it('a q with no word in it (only punctuation, or empty) filters nothing', async () => {
    expect(await ids('/api/events?q=')).toHaveLength(5);
    expect(await ids(`/api/events?q=${encodeURIComponent('&|!')}`)).toHaveLength(5);
  });

  it('q of 200 characters is accepted, 201 is a 400 on q', async () => {
    expect((await get(`/api/events?q=${'a'.repeat(200)}`)).statusCode).toBe(200);
    const response = await get(`/api/events?q=${'a'.repeat(201)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'q', message: 'q must be at most 200 characters' }]);
  });

  it('city is exact and case-insensitive', async () => {
    expect(await ids('/api/events?city=paris')).toEqual(keys('jazzParis', 'operaParis'));
    expect(await ids('/api/events?city=PARIS')).toEqual(keys('jazzParis', 'operaParis'));
    expect(await ids(`/api/events?city=${encodeURIComponent('paris nord')}`)).toEqual(keys('parisNord'));
    expect(await ids(`/api/events?city=${encodeURIComponent('zürich')}`)).toEqual(keys('rockZurich'));
    expect(await ids('/api/events?city=par')).toEqual([]);
  });

  it('city and q combine', async () => {
    expect(await ids('/api/events?city=paris&q=night')).toEqual(keys('jazzParis'));
  });

  it('from and to keep events with from ≤ startsAt < to', async () => {
    const from = encodeURIComponent(events.jazzLyon.startsAt);
    const to = encodeURIComponent(events.operaParis.startsAt);
    expect(await ids(`/api/events?from=${from}&to=${to}`)).toEqual(keys('jazzLyon', 'rockZurich'));
    expect(await ids(`/api/events?to=${encodeURIComponent(at(25))}`)).toEqual(keys('jazzParis', 'jazzLyon'));
    // An offset names the same instant.
    expect(await ids(`/api/events?from=${encodeURIComponent('2031-03-02T23:00:00+01:00')}`)).toEqual(keys('operaParis', 'parisNord'));
  });

  it('from in the past lists events that have already started', async () => {
    const saved = clock;
    clock += 45 * 3_600_000;
    try {
      expect(await ids(`/api/events?from=${encodeURIComponent(at(-45))}`)).toHaveLength(5);
    } finally {
      clock = saved;
    }
  });

  it.each([
    ['q', 'q=a&q=b'],
    ['from', 'from=yesterday'],
    ['from', 'from=2031-03-01'],
    ['from', 'from=2031-03-01T10:00:00'],
    ['from', 'from=2031-02-30T10:00:00Z'],
    ['from', 'from=0000-01-01T00:00:00Z'],
    ['from', `from=${encodeURIComponent('9999-12-31T23:59:59-14:00')}`],
    ['to', `to=${encodeURIComponent('9999-12-31T23:59:59-14:00')}`],
    ['from', 'from=%ED%A0%80'],
    ['to', 'to=later'],
    ['to', `to=${encodeURIComponent('2031-03-01T10:00:00+99:00')}`],
    ['to', 'from=2031-03-05T00:00:00Z&to=2031-03-04T00:00:00Z'],
    ['to', 'from=2031-03-05T00:00:00Z&to=2031-03-05T00:00:00Z'],
    ['to', 'to=2031-03-01T11:00:00Z'],
    ['city', 'city='],
    ['city', `city=${'c'.repeat(101)}`],
    ['city', 'city=%00'],
    ['limit', 'limit=0'],
    ['limit', 'limit=101'],
    ['limit', 'limit=-1'],
    ['limit', 'limit=abc'],
    ['limit', 'limit=1.5'],
    ['limit', 'limit='],
    ['after', 'after=garbage!'],
    ['after', 'after='],
    ['after', `after=${Buffer.from('2031-01-01T00:00:00.000000Z|not-an-id').toString('base64url')}`],
    ['after', `after=${Buffer.from('2031-02-31T00:00:00.000000Z|0b7e5a4c-6f55-4a9c-9c1e-3d1e4c2a9f10').toString('base64url')}`],
    ['after', `after=${Buffer.from('0000-01-01T00:00:00.000000Z|0b7e5a4c-6f55-4a9c-9c1e-3d1e4c2a9f10').toString('base64url')}`],
  ])('bad query → 400 naming %s (%s)', async (field, queryString) => {
    const response = await get(`/api/events?${queryString}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual([field]);
  });

  it('pages with limit and a Link that keeps q, city, from and to, with no duplicates or gaps', async () => {
    // Five more Paris nights, two of them at the same minute (the id breaks the tie).
    const more: string[] = [];
    for (const hours of [70, 80, 80, 90, 100]) {
      more.push((await createEvent(harness, owner.cookie, { name: `Paris Nights ${hours}`, venue: 'Club', city: 'Paris', startsAt: at(hours) })).id);
    }
    const tied = more.slice(1, 3).sort();
    const expected = [events.jazzParis.id, more[0], ...tied, more[3], more[4]];
    const from = at(1);
    const to = at(200);
    let url: string | undefined = `/api/events?q=night&city=paris&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=2`;
    const seen: string[] = [];
    let pages = 0;
    while (url) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const page = response.json() as Array<{ id: string }>;
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((event) => event.id));
      pages += 1;
      const link = response.headers.link as string | undefined;
      if (link) {
        expect(link).toMatch(/^<\/api\/events\?[^>]+>; rel="next"$/);
        const params = new URLSearchParams(/^<[^?]+\?([^>]+)>/.exec(link)![1]);
        expect(Object.fromEntries([...params].filter(([name]) => name !== 'after'))).toEqual({ q: 'night', city: 'paris', from, to, limit: '2' });
      }
      url = link ? /^<([^>]+)>/.exec(link)![1] : undefined;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  });

  it('a multiword q survives the Link', async () => {
    const first = await get(`/api/events?q=${encodeURIComponent('paris nights')}&limit=1`);
    const next = /^<([^>]+)>/.exec(first.headers.link as string)![1];
    const second = await get(next);
    expect(second.statusCode).toBe(200);
    expect(second.json()[0].name).toMatch(/^Paris Nights/);
    expect(second.json()[0].id).not.toBe(first.json()[0].id);
  });

  it('a page that ends exactly at the last event has no Link', async () => {
    const response = await get('/api/events?city=lyon&limit=1');
    expect(response.json()).toHaveLength(1);
    expect(response.headers.link).toBeUndefined();
  });

  it('a well-formed cursor past the end gives an empty page', async () => {
    const after = encodeCursor({ startsAt: '2999-01-01T00:00:00.000000Z', id: crypto.randomUUID() });
    const response = await get(`/api/events?after=${after}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([]);
  });
});
