// PUT /api/tickets/:id of a listing with an event or a face value (issue 15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelledEvent, knownEvent, replicaReaches, updatedEvent } from './support/catalog-events';
import { createTicket, startTickets, type TicketsHarness } from './support/tickets-harness';

describe('PUT /api/tickets/:id for an event listing', () => {
  let harness: TicketsHarness;
  beforeAll(async () => { harness = await startTickets({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const put = (id: string, payload: object, cookie: string) =>
    harness.service.http.inject({ method: 'PUT', url: `/api/tickets/${id}`, headers: { cookie }, payload });
  const show = async (id: string) => (await harness.service.http.inject({ url: `/api/tickets/${id}` })).json();

  it('the face value is kept unless given, the cap re-checked on every edit, ticket:updated carries the listing', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness, { country: 'DE' });
    const ticket = await createTicket(harness, seller.cookie, { title: 'Seat', price: 30, eventId: event.id, faceValue: 30 });
    const raised = await put(ticket.id, { title: 'Seat', price: 36 }, seller.cookie);
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toMatchObject({ price: 36, faceValue: 30, capPercent: 120, eventId: event.id, version: 1 });
    const update = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 1);
    expect(update.data).toEqual({
      id: ticket.id, version: 1, title: 'Seat', price: 36, userId: seller.id, eventId: event.id, faceValue: 30, capPercent: 120, withdrawn: false,
    });
    const over = await put(ticket.id, { title: 'Seat', price: 36.01 }, seller.cookie);
    expect(over.statusCode).toBe(400);
    expect(over.json()).toEqual({ errors: [{ field: 'price', message: 'price must be at most 120% of the face value (at most 36.00)' }] });
    const newFace = await put(ticket.id, { title: 'Seat', price: 48, faceValue: 40 }, seller.cookie);
    expect(newFace.json()).toMatchObject({ price: 48, faceValue: 40, version: 2 });
    expect(await show(ticket.id)).toMatchObject({ price: 48, faceValue: 40, version: 2 });
  });

  it('the cap in force now applies: the event moved from Germany to France, the next edit is held to 100 %', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness, { country: 'DE' });
    const ticket = await createTicket(harness, seller.cookie, { title: 'Seat', price: 36, eventId: event.id, faceValue: 30 });
    expect(ticket.capPercent).toBe(120);
    await harness.publish('event:updated', updatedEvent(event, { country: 'FR', city: 'Strasbourg' }));
    await replicaReaches(harness, event.id, 1);
    const same = await put(ticket.id, { title: 'Seat renamed', price: 36 }, seller.cookie);
    expect(same.json().errors).toEqual([{ field: 'price', message: 'price must be at most 100% of the face value (at most 30.00)' }]);
    const lowered = await put(ticket.id, { title: 'Seat', price: 30 }, seller.cookie);
    expect(lowered.json()).toMatchObject({ price: 30, capPercent: 100 });
  });

  it('giving a face value to a ticket without one caps it at the default', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Plain', price: 100 });
    const response = await put(ticket.id, { title: 'Plain', price: 100, faceValue: 50 }, seller.cookie);
    expect(response.json().errors).toEqual([{ field: 'price', message: 'price must be at most 120% of the face value (at most 60.00)' }]);
    expect(await show(ticket.id)).toEqual({ id: ticket.id, title: 'Plain', price: 100, userId: seller.id, version: 0, reserved: false });
  });

  it('eventId cannot change: its own id again is fine, another one (or one for a ticket without event) is a 400 on eventId', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness);
    const other = await knownEvent(harness);
    const ticket = await createTicket(harness, seller.cookie, { title: 'Seat', price: 20, eventId: event.id, faceValue: 20 });
    expect((await put(ticket.id, { title: 'Seat', price: 19, eventId: event.id.toUpperCase() }, seller.cookie)).statusCode).toBe(200);
    const moved = await put(ticket.id, { title: 'Seat', price: 19, eventId: other.id }, seller.cookie);
    expect(moved.statusCode).toBe(400);
    expect(moved.json()).toEqual({ errors: [{ field: 'eventId', message: 'eventId cannot change after listing' }] });
    const plain = await createTicket(harness, seller.cookie, { title: 'Plain', price: 20 });
    expect((await put(plain.id, { title: 'Plain', price: 20, eventId: event.id, faceValue: 20 }, seller.cookie)).json().errors[0].field).toBe('eventId');
    expect(await show(ticket.id)).toMatchObject({ eventId: event.id, version: 1 });
  });

  it.each([
    [{ title: 'x', price: 10, faceValue: 0 }, 'faceValue'],
    [{ title: 'x', price: 10, faceValue: 'abc' }, 'faceValue'],
    [{ title: 'x', price: 10, eventId: 'nope' }, 'eventId'],
  ])('invalid body %j → 400 naming %s', async (payload, field) => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const response = await put(ticket.id, payload, seller.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('a ticket of a cancelled event cannot be edited: 400 "Cannot edit a withdrawn ticket", before reserved and owner checks', async () => {
    const seller = await harness.sessions.newUser();
    const other = await harness.sessions.newUser();
    const event = await knownEvent(harness);
    const ticket = await createTicket(harness, seller.cookie, { title: 'Seat', price: 20, eventId: event.id, faceValue: 20 });
    await harness.publish('event:cancelled', cancelledEvent(event));
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.withdrawn === true);
    // Also held by an order (as when a buyer's order is still open): withdrawn is what the seller needs to hear.
    await harness.database.db.query('UPDATE tickets SET order_id = $1 WHERE id = $2', [crypto.randomUUID(), ticket.id]);
    for (const cookie of [seller.cookie, other.cookie]) {
      const response = await put(ticket.id, { title: 'Seat', price: 10 }, cookie);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ errors: [{ message: 'Cannot edit a withdrawn ticket' }] });
    }
    expect(await show(ticket.id)).toMatchObject({ price: 20, version: 1, withdrawn: true, reserved: true });
  });
});
