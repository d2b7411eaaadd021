// POST /api/tickets/:id/resale — the holder of a bought ticket lists it again (issue 17).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelledEvent, knownEvent, replicaReaches, updatedEvent } from './support/catalog-events';
import { orderCreatedFor, resell, sell, ticketRow } from './support/sales';
import { createTicket, startTickets, type TicketsHarness } from './support/tickets-harness';

describe('POST /api/tickets/:id/resale', () => {
  let harness: TicketsHarness;
  beforeAll(async () => { harness = await startTickets({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const show = async (id: string, cookie?: string) =>
    (await harness.service.http.inject({ url: `/api/tickets/${id}`, headers: cookie ? { cookie } : {} })).json();
  const listedIds = async () => ((await harness.service.http.inject({ url: '/api/tickets?limit=100' })).json() as Array<{ id: string }>).map((t) => t.id);

  it('sold (gen 0) → resold by its buyer (gen 1) → bought by a second buyer → resold again (gen 2)', async () => {
    const seller = await harness.sessions.newUser();
    const [first, second, third] = [await harness.sessions.newUser(), await harness.sessions.newUser(), await harness.sessions.newUser()];
    const ticket = await createTicket(harness, seller.cookie, { title: 'Opera', price: 50 });

    await sell(harness, ticket, first.id);
    expect(await show(ticket.id)).toMatchObject({ reserved: true, userId: seller.id, version: 1 });
    expect(await show(ticket.id)).not.toHaveProperty('generation');

    const gen1 = await resell(harness, ticket.id, { price: 55 }, first.cookie);
    expect(gen1.statusCode).toBe(200);
    expect(gen1.json()).toEqual({ id: ticket.id, title: 'Opera', price: 55, userId: first.id, version: 2, reserved: false, generation: 1 });
    const listing1 = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 2);
    expect(listing1.data).toEqual({ id: ticket.id, version: 2, title: 'Opera', price: 55, userId: first.id, generation: 1 });
    expect(await ticketRow(harness, ticket.id)).toMatchObject({ holderId: null, orderId: null, userId: first.id, generation: 1 });
    expect(await listedIds()).toContain(ticket.id);
    // The seller of generation 0 no longer owns it; the reseller edits it like any seller.
    expect((await resell(harness, ticket.id, { price: 60 }, first.cookie)).statusCode).toBe(403);
    expect((await harness.service.http.inject({ method: 'PUT', url: `/api/tickets/${ticket.id}`, headers: { cookie: seller.cookie }, payload: { title: 'Opera', price: 1 } })).statusCode).toBe(403);

    // A late order:created of generation 0 is refused, the one of generation 1 reserves it.
    const stale = orderCreatedFor({ id: ticket.id, price: 55, title: 'Opera' }, { generation: 0 });
    await harness.publish('order:created', stale);
    const rejected = await harness.waitForEvent('ticket:reservation-rejected', (data) => data.orderId === stale.id);
    expect(rejected.data).toEqual({ orderId: stale.id, ticketId: ticket.id, reason: 'terms-changed' });
    const sale1 = await sell(harness, { id: ticket.id, price: 55 }, second.id, 1);
    const reserved = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 3);
    expect(reserved.data).toEqual({ id: ticket.id, version: 3, title: 'Opera', price: 55, userId: first.id, generation: 1, orderId: sale1.orderId });
    expect(await listedIds()).not.toContain(ticket.id);
    expect((await resell(harness, ticket.id, { price: 52 }, first.cookie)).statusCode).toBe(403);

    const gen2 = await resell(harness, ticket.id, { price: 52 }, second.cookie);
    expect(gen2.json()).toEqual({ id: ticket.id, title: 'Opera', price: 52, userId: second.id, version: 4, reserved: false, generation: 2 });
    const listing2 = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 4);
    expect(listing2.data).toEqual({ id: ticket.id, version: 4, title: 'Opera', price: 52, userId: second.id, generation: 2 });
    await sell(harness, { id: ticket.id, price: 52 }, third.id, 2);
    expect(await ticketRow(harness, ticket.id)).toMatchObject({ holderId: third.id, userId: second.id, generation: 2, version: 5 });
  });

  it('signed out: 401', async () => {
    const response = await resell(harness, crypto.randomUUID(), { price: 10 });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ errors: [{ message: 'Not authorized' }] });
  });

  it('no such ticket (or not an id): 404', async () => {
    const user = await harness.sessions.newUser();
    for (const id of [crypto.randomUUID(), 'nope']) {
      const response = await resell(harness, id, { price: 10 }, user.cookie);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ errors: [{ message: 'Ticket not found' }] });
    }
  });

  it('not its holder: 403 — its seller, a stranger, and anyone for a ticket nobody bought or only reserved', async () => {
    const seller = await harness.sessions.newUser();
    const buyer = await harness.sessions.newUser();
    const stranger = await harness.sessions.newUser();
    const unsold = await createTicket(harness, seller.cookie);
    const forbidden = { errors: [{ message: 'Only the holder of this ticket can resell it' }] };
    expect((await resell(harness, unsold.id, { price: 10 }, seller.cookie)).json()).toEqual(forbidden);
    const reserved = await createTicket(harness, seller.cookie);
    const order = orderCreatedFor(reserved, { buyerId: buyer.id });
    await harness.publish('order:created', order);
    await harness.waitForEvent('ticket:updated', (data) => data.id === reserved.id);
    const unpaid = await resell(harness, reserved.id, { price: 10 }, buyer.cookie);
    expect(unpaid.statusCode).toBe(403);
    const sold = await createTicket(harness, seller.cookie);
    await sell(harness, sold, buyer.id);
    for (const user of [seller, stranger]) {
      const response = await resell(harness, sold.id, { price: 10 }, user.cookie);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual(forbidden);
    }
  });

  it.each([[undefined, 'price is required'], [0.1, 'Price must be at least 0.50 (the smallest amount a card can be charged)'], ['x', 'Price must be a number'], [1.234, 'Price must have at most 2 decimals']])(
    'price %j: 400 on price', async (price, message) => {
      const seller = await harness.sessions.newUser();
      const buyer = await harness.sessions.newUser();
      const ticket = await createTicket(harness, seller.cookie);
      await sell(harness, ticket, buyer.id);
      const response = await resell(harness, ticket.id, price === undefined ? {} : { price }, buyer.cookie);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ errors: [{ field: 'price', message }] });
      expect(await ticketRow(harness, ticket.id)).toMatchObject({ holderId: buyer.id, generation: 0 });
    },
  );

  it('the cap of the event\'s country applies to the resale price and is recorded; the listing keeps its event', async () => {
    const seller = await harness.sessions.newUser();
    const buyer = await harness.sessions.newUser();
    const event = await knownEvent(harness, { country: 'DE' });
    const ticket = await createTicket(harness, seller.cookie, { title: 'Seat', price: 30, eventId: event.id, faceValue: 30 });
    await sell(harness, ticket, buyer.id);
    const over = await resell(harness, ticket.id, { price: 36.01 }, buyer.cookie);
    expect(over.statusCode).toBe(400);
    expect(over.json()).toEqual({ errors: [{ field: 'price', message: 'price must be at most 120% of the face value (at most 36.00)' }] });
    const ok = await resell(harness, ticket.id, { price: 36 }, buyer.cookie);
    expect(ok.json()).toEqual({
      id: ticket.id, title: 'Seat', price: 36, userId: buyer.id, version: 2, reserved: false, eventId: event.id, faceValue: 30, capPercent: 120, generation: 1,
    });
    const update = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 2);
    expect(update.data).toEqual({
      id: ticket.id, version: 2, title: 'Seat', price: 36, userId: buyer.id, eventId: event.id, faceValue: 30, capPercent: 120, withdrawn: false, generation: 1,
    });
  });

  it('a listing without a face value has no cap', async () => {
    const seller = await harness.sessions.newUser();
    const buyer = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Seed', price: 10 });
    await sell(harness, ticket, buyer.id);
    expect((await resell(harness, ticket.id, { price: 900 }, buyer.cookie)).json()).toMatchObject({ price: 900, generation: 1 });
  });

  it('the event started or cancelled: 400; a withdrawn ticket: 400', async () => {
    const seller = await harness.sessions.newUser();
    const buyer = await harness.sessions.newUser();
    const started = await knownEvent(harness, { country: 'FR' });
    const startedTicket = await createTicket(harness, seller.cookie, { title: 'Seat', price: 30, eventId: started.id, faceValue: 30 });
    await sell(harness, startedTicket, buyer.id);
    await harness.publish('event:updated', updatedEvent(started, { startsAt: new Date(Date.now() - 60_000).toISOString() }));
    await replicaReaches(harness, started.id, 1);
    const late = await resell(harness, startedTicket.id, { price: 30 }, buyer.cookie);
    expect(late.statusCode).toBe(400);
    expect(late.json()).toEqual({ errors: [{ message: 'Event has already started' }] });

    const cancelled = await knownEvent(harness, { country: 'FR' });
    const cancelledTicket = await createTicket(harness, seller.cookie, { title: 'Seat', price: 30, eventId: cancelled.id, faceValue: 30 });
    await sell(harness, cancelledTicket, buyer.id);
    await harness.publish('event:cancelled', cancelledEvent(cancelled));
    await replicaReaches(harness, cancelled.id, 1);
    const withdrawn = await resell(harness, cancelledTicket.id, { price: 30 }, buyer.cookie);
    expect(withdrawn.statusCode).toBe(400);
    expect(withdrawn.json()).toEqual({ errors: [{ message: 'Cannot resell a withdrawn ticket' }] });
    expect(await ticketRow(harness, cancelledTicket.id)).toMatchObject({ generation: 0, holderId: buyer.id });
  });

  it('two resale calls at once: one 200, the other 403 (the caller no longer holds it), one listing', async () => {
    const seller = await harness.sessions.newUser();
    const buyer = await harness.sessions.newUser();
    for (let round = 0; round < 5; round += 1) {
      const ticket = await createTicket(harness, seller.cookie);
      await sell(harness, ticket, buyer.id);
      const responses = await Promise.all([21, 22, 23].map((price) => resell(harness, ticket.id, { price }, buyer.cookie)));
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses, `round ${round}`).toEqual([200, 403, 403]);
      expect(await ticketRow(harness, ticket.id)).toMatchObject({ generation: 1, version: 2, userId: buyer.id, holderId: null });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(harness.updatesOf(ticket.id).filter((event) => event.data.generation === 1)).toHaveLength(1);
    }
  });
});
