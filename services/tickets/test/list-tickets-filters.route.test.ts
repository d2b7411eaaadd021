// GET /api/tickets?eventId=&q=&sort= (issue 15): filters, sorts, and keyset pages that neither skip
// nor repeat, whose Link keeps the query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/domain/cursor';
import { knownEvent, replicaReaches, updatedEvent } from './support/catalog-events';
import { createTicket, startTickets, type TicketsHarness } from './support/tickets-harness';

interface Listed { id: string; title: string; price: number; eventId?: string }

describe('GET /api/tickets filters and sorts', () => {
  let harness: TicketsHarness;
  let soon: { id: string; startsAt: string };
  let later: { id: string; startsAt: string };
  const made: Array<Listed & { startsAt?: string }> = [];
  beforeAll(async () => {
    harness = await startTickets({ bus: 'memory' });
    const seller = await harness.sessions.newUser();
    const day = 86_400_000;
    soon = await knownEvent(harness, { country: 'DE', startsAt: new Date(Date.now() + 2 * day).toISOString() });
    later = await knownEvent(harness, { country: 'DE', startsAt: new Date(Date.now() + 9 * day).toISOString() });
    // Equal prices on purpose: ties must page by id without skipping or repeating.
    const specs: Array<[string, number, { id: string; startsAt: string } | undefined]> = [
      ['Rock night front row', 30, soon], ['Rock night balcony', 10, soon], ['Jazz club table', 20, later],
      ['Opera stalls', 20, undefined], ['ROCK legends', 20, later], ['Comedy 100% fun', 5, undefined],
      ['Rock night standing', 20, soon], ['Folk evening', 15, undefined],
    ];
    for (const [title, price, event] of specs) {
      const body = event ? { title, price, eventId: event.id, faceValue: price } : { title, price };
      made.push({ ...(await createTicket(harness, seller.cookie, body)), startsAt: event?.startsAt });
    }
  });
  afterAll(() => harness.close());

  const get = (url: string) => harness.service.http.inject({ method: 'GET', url });
  const ids = (list: Listed[]) => list.map((ticket) => ticket.id);

  /** Follows Link headers to the end; checks each Link keeps the query. */
  async function everyPage(url: string, keep: RegExp): Promise<{ seen: Listed[]; pages: number }> {
    const seen: Listed[] = [];
    let next: string | undefined = url;
    let pages = 0;
    while (next) {
      const response = await get(next);
      expect(response.statusCode).toBe(200);
      seen.push(...(response.json() as Listed[]));
      pages += 1;
      const link = response.headers.link as string | undefined;
      if (link) expect(link).toMatch(keep);
      next = link ? /^<([^>]+)>/.exec(link)![1] : undefined;
    }
    return { seen, pages };
  }

  const byNewest = () => [...made].reverse();
  const byPrice = () => [...made].sort((a, b) => a.price - b.price || (a.id < b.id ? -1 : 1));
  const byStartsAt = () => [...made].sort((a, b) =>
    (a.startsAt ?? '9999').localeCompare(b.startsAt ?? '9999') || (a.id < b.id ? -1 : 1));

  it('default and sort=newest: the newest listing first, paged without skips or repeats', async () => {
    expect(ids((await get('/api/tickets')).json())).toEqual(ids(byNewest()));
    const { seen, pages } = await everyPage('/api/tickets?sort=newest&limit=3', /^<\/api\/tickets\?limit=3&sort=newest&after=[A-Za-z0-9_-]+>; rel="next"$/);
    expect(pages).toBe(3);
    expect(ids(seen)).toEqual(ids(byNewest()));
  });

  it('sort=price: cheapest first, equal prices by id, every page size gives the same order', async () => {
    for (const limit of [1, 2, 3, 100]) {
      const { seen } = await everyPage(`/api/tickets?sort=price&limit=${limit}`, /&sort=price&after=/);
      expect(ids(seen)).toEqual(ids(byPrice()));
    }
  });

  it('sort=startsAt: the soonest event first, listings without an event last, paged across the boundary', async () => {
    for (const limit of [1, 3]) {
      const { seen } = await everyPage(`/api/tickets?sort=startsAt&limit=${limit}`, /&sort=startsAt&after=/);
      expect(ids(seen)).toEqual(ids(byStartsAt()));
    }
  });

  it('sort=startsAt follows event:updated: an event moved earlier moves its listings up', async () => {
    const event = await knownEvent(harness, { country: 'DE', startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Moved show', price: 50, eventId: event.id, faceValue: 50 });
    const sorted = async () => ids((await get('/api/tickets?sort=startsAt&limit=100')).json());
    expect((await sorted()).indexOf(ticket.id)).toBe(made.filter((listing) => listing.startsAt).length);
    await harness.publish('event:updated', updatedEvent(event, { startsAt: new Date(Date.now() + 86_400_000).toISOString() }));
    await replicaReaches(harness, event.id, 1);
    expect((await sorted())[0]).toBe(ticket.id);
    // Leave the shared list as it was for the other tests.
    await harness.database.db.query('DELETE FROM tickets WHERE id = $1', [ticket.id]);
  });

  it('eventId: only that event\'s available listings, with any sort, and the Link keeps it', async () => {
    const expected = byPrice().filter((ticket) => ticket.eventId === soon.id);
    const { seen } = await everyPage(`/api/tickets?eventId=${soon.id}&sort=price&limit=1`,
      new RegExp(`^</api/tickets\\?limit=1&eventId=${soon.id}&sort=price&after=`));
    expect(ids(seen)).toEqual(ids(expected));
    expect(ids((await get(`/api/tickets?eventId=${crypto.randomUUID()}`)).json())).toEqual([]);
  });

  it('q: every word must be in the title, any case, in any order', async () => {
    const titles = async (q: string) => ((await get(`/api/tickets?sort=price&q=${encodeURIComponent(q)}`)).json() as Listed[]).map((t) => t.title);
    // sort=price breaks ties by id (random here): the expected order is computed the same way.
    const byPrice = (wanted: string[]) => made.filter((ticket) => wanted.includes(ticket.title))
      .sort((a, b) => a.price - b.price || (a.id < b.id ? -1 : 1)).map((ticket) => ticket.title);
    expect(await titles('rock')).toEqual(byPrice(['Rock night balcony', 'ROCK legends', 'Rock night standing', 'Rock night front row']));
    expect(await titles('NIGHT rock')).toEqual(byPrice(['Rock night balcony', 'Rock night standing', 'Rock night front row']));
    expect(await titles('rock jazz')).toEqual([]);
    expect(await titles('100%')).toEqual(['Comedy 100% fun']);
    expect(await titles("'; DROP TABLE tickets; --")).toEqual([]);
    expect(await titles('a & b | !c')).toEqual([]);
    expect(await titles('   ')).toHaveLength(made.length);
    expect((await get(`/api/tickets?q=${'x'.repeat(200)}`)).statusCode).toBe(200);
  });

  it('q with paging: the Link keeps q (encoded) and the pages cover the matches once', async () => {
    const { seen } = await everyPage('/api/tickets?q=rock%20night&limit=2', /^<\/api\/tickets\?limit=2&q=rock\+night&after=/);
    expect(seen.map((ticket) => ticket.title).sort()).toEqual(['Rock night balcony', 'Rock night front row', 'Rock night standing']);
  });

  it('a listing made between pages: newest pages still neither skip nor repeat what was there', async () => {
    const first = await get('/api/tickets?limit=4');
    const seller = await harness.sessions.newUser();
    const fresh = await createTicket(harness, seller.cookie, { title: 'Fresh', price: 1 });
    const rest = await everyPage(/^<([^>]+)>/.exec(first.headers.link as string)![1], /after=/);
    expect([...ids(first.json()), ...ids(rest.seen)]).toEqual(ids(byNewest()));
    expect(ids((await get('/api/tickets?limit=1')).json())).toEqual([fresh.id]);
    await harness.database.db.query('DELETE FROM tickets WHERE id = $1', [fresh.id]);
  });

  it.each([
    ['eventId=not-a-uuid', 'eventId'],
    ['eventId=', 'eventId'],
    [`eventId=${crypto.randomUUID()}&eventId=${crypto.randomUUID()}`, 'eventId'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['q=a%00b', 'q'],
    ['q=a&q=b', 'q'],
    ['sort=oldest', 'sort'],
    ['sort=', 'sort'],
    ['sort=PRICE', 'sort'],
    ['sort=price&sort=newest', 'sort'],
  ])('%s → 400 naming %s', async (query, field) => {
    const response = await get(`/api/tickets?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field?: string }) => error.field)).toContain(field);
  });

  it('a cursor of another sort is a 400 on after (it would skip or repeat rows)', async () => {
    const priceCursor = encodeCursor({ sort: 'price', priceCents: 1000, id: crypto.randomUUID() });
    const newest = await get(`/api/tickets?after=${priceCursor}`);
    expect(newest.statusCode).toBe(400);
    expect(newest.json().errors).toEqual([{ field: 'after', message: 'after is a cursor of the price sort, not newest' }]);
    const first = await get('/api/tickets?sort=startsAt&limit=1');
    const startsAtCursor = new URL(/^<([^>]+)>/.exec(first.headers.link as string)![1], 'http://x').searchParams.get('after')!;
    expect((await get(`/api/tickets?sort=price&after=${startsAtCursor}`)).json().errors[0].field).toBe('after');
    expect((await get(`/api/tickets?sort=startsAt&after=${startsAtCursor}`)).statusCode).toBe(200);
  });

  it('well-formed cursors past the end of each sort give an empty page', async () => {
    const id = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
    for (const [sort, cursor] of [
      ['price', encodeCursor({ sort: 'price', priceCents: 99_999_999, id })],
      ['startsAt', encodeCursor({ sort: 'startsAt', startsAt: null, id })],
      ['newest', encodeCursor({ sort: 'newest', createdAt: '1970-01-01T00:00:00.000000Z', id })],
    ] as const) {
      const response = await get(`/api/tickets?sort=${sort}&after=${cursor}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual([]);
    }
  });
});
