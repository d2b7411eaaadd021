// Embedded mode runs the same SQL on PGlite (PostgreSQL 18 in WASM): create, edit and the keyset
// browse list must work there too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBus, silentLogger, type ManagedBus, type Service } from '@ticketing/common';
import { createTestSessions, openTestPglite, type TestDb, type TestSessions } from '@ticketing/common/testing/index';
import { createTicketsService } from '../src/app';

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

  it('create, edit and page through the list', async () => {
    const seller = await sessions.newUser();
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const created = await service.http.inject({ method: 'POST', url: '/api/tickets', headers: { cookie: seller.cookie }, payload: { title: `E${index}`, price: '5.25' } });
      expect(created.statusCode).toBe(201);
      ids.push(created.json().id);
    }
    const edited = await service.http.inject({ method: 'PUT', url: `/api/tickets/${ids[0]}`, headers: { cookie: seller.cookie }, payload: { title: 'E0b', price: 6 } });
    expect(edited.json()).toMatchObject({ title: 'E0b', price: 6, version: 1 });
    const first = await service.http.inject({ url: '/api/tickets?limit=2' });
    expect(first.json().map((ticket: { id: string }) => ticket.id)).toEqual(ids.slice(0, 2));
    const next = /^<([^>]+)>/.exec(first.headers.link as string)![1];
    const second = await service.http.inject({ url: next });
    expect(second.json().map((ticket: { id: string }) => ticket.id)).toEqual(ids.slice(2));
    expect(second.headers.link).toBeUndefined();
  });
});
