// Embedded mode runs the same SQL on PGlite (PostgreSQL 18 in WASM): the orders routes, the replica
// and the one-order-per-ticket index must work there too, and so must an event's cancellation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBus, makeEnvelope, silentLogger, type ManagedBus, type Service } from '@ticketing/common';
import { createTestSessions, openTestPglite, waitFor, type TestDb, type TestSessions } from '@ticketing/common/testing/index';
import { createOrdersService } from '../src/app';
import { cancelledEventData } from './support/orders-harness';

describe('orders on PGlite', () => {
  let database: TestDb;
  let bus: ManagedBus;
  let sessions: TestSessions;
  let service: Service;
  beforeAll(async () => {
    database = await openTestPglite('orders');
    bus = await createBus('memory://');
    sessions = await createTestSessions();
    service = await createOrdersService({ db: database.db, bus, logger: silentLogger(), verifySession: sessions.verifySession, config: { ORDER_EXPIRATION_SECONDS: 900 } });
    await service.start();
  });
  afterAll(async () => {
    await service.stop();
    await bus.close();
    await database.close();
  });

  it('replica, order, second buyer refused, cancel, list', async () => {
    const ticketId = crypto.randomUUID();
    await bus.publish([{ envelope: makeEnvelope('ticket:created', { id: ticketId, version: 0, title: 'Embedded', price: 9.99, userId: crypto.randomUUID() }), headers: {} }]);
    await bus.publish([{ envelope: makeEnvelope('ticket:updated', { id: ticketId, version: 1, title: 'Embedded v1', price: 9.99, userId: crypto.randomUUID() }), headers: {} }]);
    const buyer = await sessions.newUser();
    const other = await sessions.newUser();
    await waitFor(async () => (await database.db.query('SELECT 1 FROM tickets WHERE id = $1 AND version = 1', [ticketId])).length === 1);
    const order = await service.http.inject({ method: 'POST', url: '/api/orders', headers: { cookie: buyer.cookie }, payload: { ticketId } });
    expect(order.statusCode).toBe(201);
    expect(order.json().ticket).toEqual({ id: ticketId, title: 'Embedded v1', price: 9.99, version: 1 });
    const refused = await service.http.inject({ method: 'POST', url: '/api/orders', headers: { cookie: other.cookie }, payload: { ticketId } });
    expect(refused.json()).toEqual({ errors: [{ message: 'Ticket is already reserved' }] });
    const cancel = await service.http.inject({ method: 'DELETE', url: `/api/orders/${order.json().id}`, headers: { cookie: buyer.cookie } });
    expect(cancel.statusCode).toBe(204);
    const list = await service.http.inject({ url: '/api/orders', headers: { cookie: buyer.cookie } });
    expect(list.json()).toEqual([{ ...order.json(), status: 'cancelled', version: 1 }]);
  });

  it('an event cancelled: its open order cancelled, its paid order refunded, its tickets refused', async () => {
    const eventId = crypto.randomUUID();
    const [open, paid] = [crypto.randomUUID(), crypto.randomUUID()];
    for (const id of [open, paid]) {
      await bus.publish([{ envelope: makeEnvelope('ticket:created', { id, version: 0, title: 'Gig', price: 25, userId: crypto.randomUUID(), eventId, faceValue: 25 }), headers: {} }]);
    }
    await waitFor(async () => (await database.db.query('SELECT 1 FROM tickets WHERE event_id = $1', [eventId])).length === 2);
    const buyer = await sessions.newUser();
    const order = async (ticketId: string) => (await service.http.inject({ method: 'POST', url: '/api/orders', headers: { cookie: buyer.cookie }, payload: { ticketId } })).json();
    const openOrder = await order(open);
    const paidOrder = await order(paid);
    const payment = makeEnvelope('payment:created', { id: crypto.randomUUID(), orderId: paidOrder.id, stripeId: 'pi_embedded' });
    await bus.publish([{ envelope: payment, headers: {} }]);
    await waitFor(async () => (await database.db.query("SELECT 1 FROM orders WHERE id = $1 AND status = 'complete'", [paidOrder.id])).length === 1);

    const cancelled = makeEnvelope('event:cancelled', cancelledEventData(eventId));
    await bus.publish([{ envelope: cancelled, headers: {} }]);
    await waitFor(async () => (await database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [cancelled.id])).length === 1);

    const list = (await service.http.inject({ url: '/api/orders', headers: { cookie: buyer.cookie } })).json();
    expect(list).toEqual([
      { ...openOrder, status: 'cancelled', version: 1, cancelReason: 'event-cancelled' },
      { ...paidOrder, status: 'refunded', version: 2, cancelReason: 'event-cancelled' },
    ]);
    const other = await sessions.newUser();
    const refused = await service.http.inject({ method: 'POST', url: '/api/orders', headers: { cookie: other.cookie }, payload: { ticketId: open } });
    expect(refused.json()).toEqual({ errors: [{ message: 'Ticket is no longer for sale' }] });
  });

  it('a resold ticket: generation 0 stays complete, generation 1 is ordered once, order:completed per generation', async () => {
    const ticketId = crypto.randomUUID();
    const seller = crypto.randomUUID();
    const completed: string[] = [];
    const listener = await bus.subscribe({ group: 'test-listener', subject: 'order:completed', handler: async ({ envelope }) => { completed.push(JSON.stringify(envelope.data)); } });
    const send = (subject: 'ticket:created' | 'ticket:updated' | 'payment:created', data: object) =>
      bus.publish([{ envelope: makeEnvelope(subject, data as never), headers: {} }]);
    await send('ticket:created', { id: ticketId, version: 0, title: 'Resale', price: 10, userId: seller });
    await waitFor(async () => (await database.db.query('SELECT 1 FROM tickets WHERE id = $1', [ticketId])).length === 1);
    const [first, second, third] = [await sessions.newUser(), await sessions.newUser(), await sessions.newUser()];
    const post = (cookie: string) => service.http.inject({ method: 'POST', url: '/api/orders', headers: { cookie }, payload: { ticketId } });
    const gen0 = (await post(first.cookie)).json();
    await send('payment:created', { id: crypto.randomUUID(), orderId: gen0.id, stripeId: 'pi_embedded' });
    await waitFor(() => completed.length === 1);
    expect(JSON.parse(completed[0])).toEqual({ id: gen0.id, version: 1, userId: first.id, ticket: { id: ticketId, generation: 0 } });
    await send('ticket:updated', { id: ticketId, version: 1, title: 'Resale', price: 12, userId: first.id, generation: 1 });
    await waitFor(async () => (await database.db.query('SELECT 1 FROM tickets WHERE id = $1 AND generation = 1', [ticketId])).length === 1);
    const [won, lost] = await Promise.all([post(second.cookie), post(third.cookie)]).then((pair) => pair.sort((a, b) => a.statusCode - b.statusCode));
    expect(won.statusCode).toBe(201);
    expect(won.json().ticket).toEqual({ id: ticketId, title: 'Resale', price: 12, version: 1, generation: 1 });
    expect(lost.json()).toEqual({ errors: [{ message: 'Ticket is already reserved' }] });
    const statuses = await database.db.query('SELECT status, ticket_generation AS generation FROM orders WHERE ticket_id = $1 ORDER BY ticket_generation', [ticketId]);
    expect(statuses).toEqual([{ status: 'complete', generation: 0 }, { status: 'created', generation: 1 }]);
    await listener.close();
  });
});
