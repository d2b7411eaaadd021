// Embedded mode runs the same SQL on PGlite (PostgreSQL 18 in WASM): create, edit, the keyset
// browse list with its filters and sorts, the events replica and withdrawal must work there too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBus, makeEnvelope, silentLogger, type EventData, type ManagedBus, type Service, type Subject } from '@ticketing/common';
import { createTestSessions, openTestPglite, waitFor, type TestDb, type TestSessions } from '@ticketing/common/testing/index';
import { createTicketsService } from '../src/app';
import { newEvent, cancelledEvent } from './support/catalog-events';

describe('tickets on PGlite', () => {
  let database: TestDb;
  let bus: ManagedBus;
  let sessions: TestSessions;
  let service: Service;
  beforeAll(async () => {
    database = await openTestPglite('tickets');
    bus = await createBus('memory://');
    sessions = await createTestSessions();
    service = await createTicketsService({ db: database.db, bus, logger: silentLogger(), verifySession: sessions.verifySession, config: {} });
    await service.start();
  });
  afterAll(async () => {
    await service.stop();
    await bus.close();
    await database.close();
  });

  const publish = <S extends Subject>(subject: S, data: EventData<S>) => bus.publish([{ envelope: makeEnvelope(subject, data), headers: {} }]);
  const post = (cookie: string, payload: object) => service.http.inject({ method: 'POST', url: '/api/tickets', headers: { cookie }, payload });
  const ids = (response: { json(): unknown }) => (response.json() as Array<{ id: string }>).map((ticket) => ticket.id);
  const follow = (response: { headers: Record<string, unknown> }) => /^<([^>]+)>/.exec(response.headers.link as string)![1];

  it('create, edit and page through the list, newest first', async () => {
    const seller = await sessions.newUser();
    const created: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await post(seller.cookie, { title: `E${index}`, price: '5.25' });
      expect(response.statusCode).toBe(201);
      created.push(response.json().id);
    }
    const edited = await service.http.inject({ method: 'PUT', url: `/api/tickets/${created[0]}`, headers: { cookie: seller.cookie }, payload: { title: 'E0b', price: 6 } });
    expect(edited.json()).toMatchObject({ title: 'E0b', price: 6, version: 1 });
    const first = await service.http.inject({ url: '/api/tickets?limit=2' });
    expect(ids(first)).toEqual([created[2], created[1]]);
    const second = await service.http.inject({ url: follow(first) });
    expect(ids(second)).toEqual([created[0]]);
    expect(second.headers.link).toBeUndefined();
  });

  it('listings for an event: cap, q and the price and startsAt sorts with their cursors, withdrawal on cancel', async () => {
    const seller = await sessions.newUser();
    const soon = newEvent({ country: 'DE', startsAt: new Date(Date.now() + 86_400_000).toISOString() });
    const later = newEvent({ country: 'FR' });
    await publish('event:created', soon);
    await publish('event:created', later);
    await waitFor(async () => (await database.db.query('SELECT 1 FROM events')).length === 2, { what: 'events in the replica' });

    const overCap = await post(seller.cookie, { title: 'Paris seat', price: 31, eventId: later.id, faceValue: 30 });
    expect(overCap.statusCode).toBe(400);
    expect(overCap.json().errors).toEqual([{ field: 'price', message: 'price must be at most 100% of the face value (at most 30.00)' }]);

    const listing = async (title: string, price: number, eventId?: string) =>
      (await post(seller.cookie, eventId ? { title, price, eventId, faceValue: price } : { title, price })).json().id as string;
    const laterCheap = await listing('Opera balcony seat', 8, later.id);
    const soonDear = await listing('Rock pit seat', 40, soon.id);
    const plain = await listing('Opera stalls', 9);

    const byPrice = await service.http.inject({ url: '/api/tickets?sort=price&limit=1&q=seat' });
    expect(ids(byPrice)).toEqual([laterCheap]);
    expect(follow(byPrice)).toMatch(/^\/api\/tickets\?limit=1&q=seat&sort=price&after=/);
    const byPriceNext = await service.http.inject({ url: follow(byPrice) });
    expect(ids(byPriceNext)).toEqual([soonDear]);
    expect(byPriceNext.headers.link).toBeUndefined();

    const words = await service.http.inject({ url: `/api/tickets?q=${encodeURIComponent('OPERA seat')}` });
    expect(ids(words)).toEqual([laterCheap]);

    const collected: string[] = [];
    let url: string | undefined = '/api/tickets?sort=startsAt&limit=1&q=opera';
    while (url) {
      const page: Awaited<ReturnType<typeof service.http.inject>> = await service.http.inject({ url });
      expect(page.statusCode).toBe(200);
      collected.push(...ids(page));
      url = page.headers.link ? follow(page) : undefined;
    }
    expect(collected).toEqual([laterCheap, plain]);
    const startsAt = await service.http.inject({ url: '/api/tickets?sort=startsAt&limit=2' });
    expect(ids(startsAt)).toEqual([soonDear, laterCheap]);

    await publish('event:cancelled', cancelledEvent(soon));
    await waitFor(async () => (await database.db.query<{ withdrawn: boolean }>('SELECT withdrawn FROM tickets WHERE id = $1', [soonDear]))[0]!.withdrawn, { what: 'withdrawal' });
    const after = await service.http.inject({ url: '/api/tickets?sort=price&q=seat' });
    expect(ids(after)).toEqual([laterCheap]);
    const outbox = await database.db.query<{ envelope: { data: { withdrawn?: boolean } } }>(
      "SELECT envelope FROM outbox WHERE subject = 'ticket:updated' AND envelope->'data'->>'id' = $1", [soonDear]);
    expect(outbox.map((row) => row.envelope.data.withdrawn)).toEqual([true]);
  });

  it('a sold ticket resold by its holder: generation 1, the holder the seller, one 200 of two concurrent calls', async () => {
    const [seller, buyer] = [await sessions.newUser(), await sessions.newUser()];
    const ticket = (await post(seller.cookie, { title: 'Resold', price: 10 })).json();
    const order = {
      id: crypto.randomUUID(), version: 0 as const, status: 'created' as const, userId: buyer.id,
      expiresAt: new Date(Date.now() + 900_000).toISOString(), ticket: { id: ticket.id, price: 10, generation: 0 },
    };
    await publish('order:created', order);
    await publish('order:completed', { id: order.id, version: 1, userId: buyer.id, ticket: { id: ticket.id, generation: 0 } });
    await waitFor(async () => (await database.db.query('SELECT 1 FROM tickets WHERE id = $1 AND holder_id = $2', [ticket.id, buyer.id])).length === 1,
      { what: 'the buyer holds the ticket' });
    const resell = () => service.http.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/resale`, headers: { cookie: buyer.cookie }, payload: { price: 11 } });
    const responses = await Promise.all([resell(), resell()]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 403]);
    expect(responses.find((response) => response.statusCode === 200)!.json())
      .toEqual({ id: ticket.id, title: 'Resold', price: 11, userId: buyer.id, version: 2, reserved: false, generation: 1 });
  });
});
