// Embedded mode runs the same SQL on PGlite (PostgreSQL in WASM, no extensions): the full-text
// search (tsvector, 'simple', GIN, prefix tsquery), the keyset pages and the listings replica
// must work there too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBus, makeEnvelope, silentLogger, type ManagedBus, type Service } from '@ticketing/common';
import { createTestSessions, openTestPglite, waitFor, type TestDb, type TestSessions } from '@ticketing/common/testing/index';
import { createCatalogService } from '../src/app';
import { daysFromNow, eventInput, listingCreated } from './support/catalog-harness';

describe('catalog on PGlite', () => {
  let database: TestDb;
  let bus: ManagedBus;
  let sessions: TestSessions;
  let service: Service;
  beforeAll(async () => {
    database = await openTestPglite('catalog');
    bus = await createBus('memory://');
    sessions = await createTestSessions();
    service = await createCatalogService({ db: database.db, bus, logger: silentLogger(), verifySession: sessions.verifySession, config: {} });
    await service.start();
  });
  afterAll(async () => {
    await service.stop();
    await bus.close();
    await database.close();
  });

  const ids = async (url: string) => {
    const response = await service.http.inject({ url });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as Array<{ id: string }>).map((event) => event.id);
  };

  it('search by prefix, several words, accents and case; city; pages with Link', async () => {
    const user = await sessions.newUser();
    const create = async (days: number, body: { name: string; venue: string; city: string }) => {
      const response = await service.http.inject({
        method: 'POST', url: '/api/events', headers: { cookie: user.cookie }, payload: eventInput({ ...body, startsAt: daysFromNow(days) }),
      });
      expect(response.statusCode).toBe(201);
      return response.json().id as string;
    };
    const jazz = await create(1, { name: 'Jazz Night', venue: 'New Morning', city: 'Paris' });
    const zurich = await create(2, { name: 'Björk Live', venue: 'Hallenstadion', city: 'Zürich' });
    const opera = await create(3, { name: 'La Traviata', venue: 'Opéra Bastille', city: 'Paris' });
    const edited = await create(4, { name: 'Placeholder', venue: 'Somewhere', city: 'Lyon' });
    await service.http.inject({
      method: 'PUT', url: `/api/events/${edited}`, headers: { cookie: user.cookie },
      payload: eventInput({ name: 'Jazz à Vienne', venue: 'Théâtre Antique', city: 'Lyon', startsAt: daysFromNow(4) }),
    });

    expect(await ids('/api/events?q=jaz')).toEqual([jazz, edited]);
    expect(await ids(`/api/events?q=${encodeURIComponent('jazz paris')}`)).toEqual([jazz]);
    expect(await ids(`/api/events?q=${encodeURIComponent('ZURICH bjo')}`)).toEqual([zurich]);
    expect(await ids(`/api/events?q=${encodeURIComponent('théâtre')}`)).toEqual([edited]);
    expect(await ids('/api/events?q=placeholder')).toEqual([]);
    expect(await ids(`/api/events?q=${encodeURIComponent("opera & !(x) | 'y':*")}`)).toEqual([]);
    expect(await ids('/api/events?q=opera')).toEqual([opera]);
    expect(await ids('/api/events?city=PARIS')).toEqual([jazz, opera]);
    expect(await ids(`/api/events?city=${encodeURIComponent('ZÜRICH')}`)).toEqual([zurich]);

    const first = await service.http.inject({ url: '/api/events?limit=3' });
    expect(first.json().map((event: { id: string }) => event.id)).toEqual([jazz, zurich, opera]);
    const next = /^<([^>]+)>/.exec(first.headers.link as string)![1];
    const second = await service.http.inject({ url: next });
    expect(second.json().map((event: { id: string }) => event.id)).toEqual([edited]);
    expect(second.headers.link).toBeUndefined();
  });

  it('the listings replica counts what is on sale', async () => {
    const user = await sessions.newUser();
    const created = await service.http.inject({ method: 'POST', url: '/api/events', headers: { cookie: user.cookie }, payload: eventInput() });
    const eventId = created.json().id as string;
    const listings = [listingCreated(eventId, { price: 30 }), listingCreated(eventId, { price: 20 })];
    for (const data of listings) await bus.publish([{ envelope: makeEnvelope('ticket:created', data), headers: {} }]);
    await bus.publish([{ envelope: makeEnvelope('ticket:updated', { ...listings[1], version: 1, orderId: crypto.randomUUID() }), headers: {} }]);
    const page = await waitFor(async () => {
      const shown = (await service.http.inject({ url: `/api/events/${eventId}` })).json();
      return shown.availableTickets === 1 && shown.tickets.length === 1 ? shown : null;
    });
    expect(page).toMatchObject({ minPrice: 30, tickets: [{ id: listings[0].id, price: 30 }] });
  });
});
