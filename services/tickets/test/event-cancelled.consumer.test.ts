// event:cancelled → every listing of the event withdrawn (ticket:updated withdrawn), never listed or
// reserved again; order:cancelled { reason: 'event-cancelled' } keeps (or makes) it withdrawn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventData } from '@ticketing/common';
import { waitFor } from '@ticketing/common/testing/index';
import { cancelledEvent, knownEvent, replicaReaches } from './support/catalog-events';
import { createTicket, startTickets, type TicketsHarness } from './support/tickets-harness';

describe('event:cancelled → tickets', () => {
  let harness: TicketsHarness;
  beforeAll(async () => { harness = await startTickets({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  const orderCreated = (ticket: { id: string; price: number; title: string }): EventData<'order:created'> => ({
    id: crypto.randomUUID(), version: 0, status: 'created', userId: crypto.randomUUID(),
    expiresAt: new Date(Date.now() + 900_000).toISOString(), ticket: { id: ticket.id, price: ticket.price, title: ticket.title },
  });
  const show = async (id: string) => (await harness.service.http.inject({ url: `/api/tickets/${id}` })).json();
  const listed = async (url = '/api/tickets?limit=100') =>
    ((await harness.service.http.inject({ url })).json() as Array<{ id: string }>).map((ticket) => ticket.id);
  const handled = (eventId: string) =>
    waitFor(async () => (await harness.database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).length === 1, { what: 'event handled' });

  it('withdraws every listing of the event, the reserved one included; others are untouched', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness);
    const otherEvent = await knownEvent(harness);
    const free = await createTicket(harness, seller.cookie, { title: 'Free seat', price: 20, eventId: event.id, faceValue: 20 });
    const held = await createTicket(harness, seller.cookie, { title: 'Held seat', price: 25, eventId: event.id, faceValue: 30 });
    const elsewhere = await createTicket(harness, seller.cookie, { title: 'Other show', price: 20, eventId: otherEvent.id, faceValue: 20 });
    const plain = await createTicket(harness, seller.cookie, { title: 'No event', price: 20 });
    const order = orderCreated(held);
    await harness.publish('order:created', order);
    await harness.waitForEvent('ticket:updated', (data) => data.id === held.id && data.version === 1);

    await harness.publish('event:cancelled', cancelledEvent(event));
    const freeUpdate = await harness.waitForEvent('ticket:updated', (data) => data.id === free.id && data.withdrawn === true);
    expect(freeUpdate.data).toEqual({
      id: free.id, version: 1, title: 'Free seat', price: 20, userId: seller.id, eventId: event.id, faceValue: 20, capPercent: 100, withdrawn: true,
    });
    const heldUpdate = await harness.waitForEvent('ticket:updated', (data) => data.id === held.id && data.withdrawn === true);
    expect(heldUpdate.data).toEqual({
      id: held.id, version: 2, title: 'Held seat', price: 25, userId: seller.id, eventId: event.id, faceValue: 30, capPercent: 100,
      withdrawn: true, orderId: order.id,
    });
    expect(await show(free.id)).toMatchObject({ withdrawn: true, reserved: false, version: 1 });
    expect(await show(held.id)).toMatchObject({ withdrawn: true, reserved: true, version: 2 });
    expect(await show(elsewhere.id)).not.toHaveProperty('withdrawn');
    const ids = await listed();
    expect(ids).not.toContain(free.id);
    expect(ids).toContain(elsewhere.id);
    expect(ids).toContain(plain.id);
    expect(await listed(`/api/tickets?eventId=${event.id}`)).toEqual([]);

    // Orders cancels the open order because its event was cancelled: the mark goes, the ticket stays withdrawn.
    await harness.publish('order:cancelled', { id: order.id, version: 1, ticket: { id: held.id }, reason: 'event-cancelled' });
    const released = await harness.waitForEvent('ticket:updated', (data) => data.id === held.id && data.version === 3);
    expect(released.data).toMatchObject({ withdrawn: true });
    expect(released.data).not.toHaveProperty('orderId');
    expect(await show(held.id)).toMatchObject({ withdrawn: true, reserved: false, version: 3 });
    expect(await listed()).not.toContain(held.id);
  });

  it('a withdrawn ticket is never reserved again: order:created → ticket:reservation-rejected withdrawn', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness);
    const ticket = await createTicket(harness, seller.cookie, { title: 'Gone', price: 20, eventId: event.id, faceValue: 20 });
    await harness.publish('event:cancelled', cancelledEvent(event));
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.withdrawn === true);
    const order = orderCreated(ticket);
    await harness.publish('order:created', order);
    const rejected = await harness.waitForEvent('ticket:reservation-rejected', (data) => data.orderId === order.id);
    expect(rejected.data).toEqual({ orderId: order.id, ticketId: ticket.id, reason: 'withdrawn' });
    expect(await show(ticket.id)).toMatchObject({ reserved: false, version: 1 });
  });

  it('a plain order:cancelled of a withdrawn ticket releases the mark and the ticket stays withdrawn', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness);
    const ticket = await createTicket(harness, seller.cookie, { title: 'Held', price: 20, eventId: event.id, faceValue: 20 });
    const order = orderCreated(ticket);
    await harness.publish('order:created', order);
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 1);
    await harness.publish('event:cancelled', cancelledEvent(event));
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 2);
    // The order expired before orders heard of the cancellation: a cancel without a reason.
    await harness.publish('order:cancelled', { id: order.id, version: 1, ticket: { id: ticket.id } });
    const released = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 3);
    expect(released.data).toMatchObject({ withdrawn: true });
    expect(await listed()).not.toContain(ticket.id);
  });

  it('order:cancelled event-cancelled before event:cancelled: the ticket ends withdrawn, the later event:cancelled changes it no more', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness);
    const ticket = await createTicket(harness, seller.cookie, { title: 'Early', price: 20, eventId: event.id, faceValue: 20 });
    const order = orderCreated(ticket);
    await harness.publish('order:created', order);
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 1);
    await harness.publish('order:cancelled', { id: order.id, version: 1, ticket: { id: ticket.id }, reason: 'event-cancelled' });
    const withdrawn = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 2);
    expect(withdrawn.data).toMatchObject({ withdrawn: true, eventId: event.id });
    expect(withdrawn.data).not.toHaveProperty('orderId');
    expect(await listed()).not.toContain(ticket.id);
    const cancelled = await harness.publish('event:cancelled', cancelledEvent(event));
    await handled(cancelled.id);
    expect(await show(ticket.id)).toMatchObject({ withdrawn: true, version: 2 });
    expect(harness.updatesOf(ticket.id)).toHaveLength(2);
  });

  it('order:cancelled event-cancelled whose order:created never reserved still withdraws the ticket, and that order never reserves', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness);
    const ticket = await createTicket(harness, seller.cookie, { title: 'Overtaken', price: 20, eventId: event.id, faceValue: 20 });
    const order = orderCreated(ticket);
    await harness.publish('order:cancelled', { id: order.id, version: 1, ticket: { id: ticket.id }, reason: 'event-cancelled' });
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.withdrawn === true);
    const late = await harness.publish('order:created', order);
    await handled(late.id);
    expect(await show(ticket.id)).toMatchObject({ withdrawn: true, reserved: false, version: 1 });
  });

  it('an event with many listings: all withdrawn in the transaction that records the cancellation, one ticket:updated each', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness);
    const count = 300;
    await harness.database.db.query(
      `INSERT INTO tickets (id, title, price_cents, user_id, event_id, event_starts_at, face_value_cents, cap_percent)
       SELECT gen_random_uuid(), 'Bulk ' || n, 2000, $1, $2, $3, 2000, 100 FROM generate_series(1, $4::int) AS n`,
      [seller.id, event.id, event.startsAt, count],
    );
    await harness.publish('event:cancelled', cancelledEvent(event));
    await replicaReaches(harness, event.id, 1);
    // The replica and the withdrawal commit together: once the replica says cancelled, all are withdrawn.
    const [row] = await harness.database.db.query<{ withdrawn: number; total: number }>(
      'SELECT count(*) FILTER (WHERE withdrawn)::int AS withdrawn, count(*)::int AS total FROM tickets WHERE event_id = $1', [event.id]);
    expect(row).toEqual({ withdrawn: count, total: count });
    const [outbox] = await harness.database.db.query<{ rows: number; distinct_ids: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT envelope->'data'->>'id')::int AS distinct_ids FROM outbox
        WHERE subject = 'ticket:updated' AND envelope->'data'->>'eventId' = $1`, [event.id]);
    expect(outbox).toEqual({ rows: count, distinct_ids: count });
    await waitFor(() => harness.published.filter((envelope) => envelope.subject === 'ticket:updated'
      && (envelope.data as EventData<'ticket:updated'>).eventId === event.id && (envelope.data as EventData<'ticket:updated'>).withdrawn).length === count,
    { what: `${count} withdrawals published` });
    expect(await listed(`/api/tickets?eventId=${event.id}`)).toEqual([]);
  });
});
