import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventData } from '@ticketing/common';
import { waitFor } from '@ticketing/common/testing/index';
import { createTicket, startTickets, type TicketsHarness } from './support/tickets-harness';

describe('order:cancelled → tickets', () => {
  let harness: TicketsHarness;
  beforeAll(async () => { harness = await startTickets({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  const orderCreated = (ticket: { id: string; price: number }): EventData<'order:created'> => ({
    id: crypto.randomUUID(), version: 0, status: 'created', userId: crypto.randomUUID(),
    expiresAt: new Date(Date.now() + 900_000).toISOString(), ticket: { id: ticket.id, price: ticket.price },
  });
  const show = async (id: string) => (await harness.service.http.inject({ url: `/api/tickets/${id}` })).json();

  it('the holding order cancelled: orderId cleared, version + 1, ticket:updated without orderId, back in the list', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Match', price: 45 });
    const order = orderCreated(ticket);
    await harness.publish('order:created', order);
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 1);
    await harness.publish('order:cancelled', { id: order.id, version: 1, ticket: { id: ticket.id } });
    const event = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 2);
    expect(event.data).toEqual({ id: ticket.id, version: 2, title: 'Match', price: 45, userId: seller.id });
    const shown = await show(ticket.id);
    expect(shown.reserved).toBe(false);
    const list = (await harness.service.http.inject({ url: '/api/tickets' })).json() as Array<{ id: string }>;
    expect(list.map((item) => item.id)).toContain(ticket.id);
  });

  it('a stale cancel (an older order) does not release a newer reservation', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const oldOrder = orderCreated(ticket);
    await harness.publish('order:created', oldOrder);
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 1);
    await harness.publish('order:cancelled', { id: oldOrder.id, version: 1, ticket: { id: ticket.id } });
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 2);
    const newOrder = orderCreated(ticket);
    await harness.publish('order:created', newOrder);
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 3);

    // The old order's cancel arrives again as a new event (e.g. a second cancel path).
    const stale = await harness.publish('order:cancelled', { id: oldOrder.id, version: 1, ticket: { id: ticket.id } });
    await waitForInbox(stale.id);
    expect(await show(ticket.id)).toMatchObject({ reserved: true, version: 3 });
    expect(harness.updatesOf(ticket.id)).toHaveLength(3);
  });

  it('a cancel for a ticket that is not held changes nothing', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const cancel = await harness.publish('order:cancelled', { id: crypto.randomUUID(), version: 1, ticket: { id: ticket.id } });
    await waitForInbox(cancel.id);
    expect(await show(ticket.id)).toMatchObject({ version: 0 });
    expect(harness.updatesOf(ticket.id)).toHaveLength(0);
  });

  async function waitForInbox(eventId: string): Promise<void> {
    await waitFor(async () => (await harness.database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).length === 1, { what: 'event handled' });
  }
});
