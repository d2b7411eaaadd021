import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import type { EventData } from '@ticketing/common';
import { createTicket, startTickets, type TicketsHarness } from './support/tickets-harness';

// Over a RabbitMQ exchange of this suite's own: events in, ticket:updated out.
describe('order:created → tickets', () => {
  let harness: TicketsHarness;
  beforeAll(async () => { harness = await startTickets({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  const orderCreated = (ticket: { id: string; price: number }, orderId = crypto.randomUUID()): EventData<'order:created'> => ({
    id: orderId, version: 0, status: 'created', userId: crypto.randomUUID(), expiresAt: new Date(Date.now() + 900_000).toISOString(),
    ticket: { id: ticket.id, price: ticket.price },
  });
  const show = async (id: string) => (await harness.service.http.inject({ url: `/api/tickets/${id}` })).json();

  it('reserves the ticket: orderId set, version + 1, ticket:updated with orderId, gone from the list', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Gig', price: 30 });
    const order = orderCreated(ticket);
    await harness.publish('order:created', order);
    const event = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id);
    expect(event.data).toEqual({ id: ticket.id, version: 1, title: 'Gig', price: 30, userId: seller.id, orderId: order.id });
    expect(await show(ticket.id)).toMatchObject({ orderId: order.id, version: 1 });
    const list = (await harness.service.http.inject({ url: '/api/tickets' })).json() as Array<{ id: string }>;
    expect(list.map((item) => item.id)).not.toContain(ticket.id);
  });

  it('a second order for a held ticket changes nothing', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const first = orderCreated(ticket);
    await harness.publish('order:created', first);
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id);
    await harness.publish('order:created', orderCreated(ticket));
    // A marker event published after it: once the marker is handled, so is the second order.
    const marker = await createTicket(harness, seller.cookie);
    await harness.publish('order:created', orderCreated(marker));
    await harness.waitForEvent('ticket:updated', (data) => data.id === marker.id);
    await waitFor(async () => (await harness.database.db.query("SELECT 1 FROM inbox WHERE subject = 'order:created'")).length >= 3);
    expect(await show(ticket.id)).toMatchObject({ orderId: first.id, version: 1 });
    expect(harness.updatesOf(ticket.id)).toHaveLength(1);
  });

  it('the same event delivered twice has one effect', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const envelope = await harness.publish('order:created', orderCreated(ticket));
    await harness.bus.publish([{ envelope, headers: {} }]);
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id);
    await waitFor(async () => (await harness.database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [envelope.id])).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await show(ticket.id)).version).toBe(1);
  });
});
