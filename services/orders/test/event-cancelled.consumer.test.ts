import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnvelope } from '@ticketing/common';
import { waitFor } from '@ticketing/common/testing/index';
import {
  cancelledEventData, createOrder, postOrder, startOrders, type OrderJson, type OrdersHarness,
} from './support/orders-harness';

// Issue 15: an event cancelled makes its buyers whole. Over RabbitMQ, so deliveries really overlap.
describe('event:cancelled → orders', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'rabbitmq', maxActiveOrders: 100 }); });
  afterAll(() => harness.close());

  const show = async (id: string, cookie: string): Promise<OrderJson> =>
    (await harness.service.http.inject({ url: `/api/orders/${id}`, headers: { cookie } })).json();
  const pay = (orderId: string) => harness.publish('payment:created', { id: crypto.randomUUID(), orderId, stripeId: `pi_${orderId}` });
  const cancellations = (orderId: string) => harness.eventsAbout('order:cancelled', orderId);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('open orders are cancelled, paid ones refunded, ended ones left alone; one order:cancelled each with the reason', async () => {
    const eventId = crypto.randomUUID();
    const buyer = await harness.sessions.newUser();
    const [open, paid, cancelledBefore, unsold] = await Promise.all([1, 2, 3, 4].map(() => harness.seedTicket({ eventId })));
    const otherEvent = await harness.seedTicket({ eventId: crypto.randomUUID() });
    const seedListing = await harness.seedTicket();

    const openOrder = await createOrder(harness, open.id, buyer.cookie);
    const paidOrder = await createOrder(harness, paid.id, buyer.cookie);
    await harness.waitHandled((await pay(paidOrder.id)).id);
    const earlierOrder = await createOrder(harness, cancelledBefore.id, buyer.cookie);
    await harness.service.http.inject({ method: 'DELETE', url: `/api/orders/${earlierOrder.id}`, headers: { cookie: buyer.cookie } });
    const otherEventOrder = await createOrder(harness, otherEvent.id, buyer.cookie);
    const seedOrder = await createOrder(harness, seedListing.id, buyer.cookie);

    await harness.cancelEvent(eventId);

    expect(await show(openOrder.id, buyer.cookie)).toMatchObject({ status: 'cancelled', version: 1, cancelReason: 'event-cancelled' });
    expect(await show(paidOrder.id, buyer.cookie)).toMatchObject({ status: 'refunded', version: 2, cancelReason: 'event-cancelled' });
    const earlier = await show(earlierOrder.id, buyer.cookie);
    expect(earlier).toMatchObject({ status: 'cancelled', version: 1 });
    expect(earlier).not.toHaveProperty('cancelReason');
    expect(await show(otherEventOrder.id, buyer.cookie)).toMatchObject({ status: 'created', version: 0 });
    const seed = await show(seedOrder.id, buyer.cookie);
    expect(seed).toEqual({ ...seedOrder, status: 'created' });
    expect(seed).not.toHaveProperty('cancelReason');

    const openCancelled = await harness.waitForEvent('order:cancelled', (data) => data.id === openOrder.id);
    expect(openCancelled.data).toEqual({ id: openOrder.id, version: 1, ticket: { id: open.id }, reason: 'event-cancelled' });
    const paidCancelled = await harness.waitForEvent('order:cancelled', (data) => data.id === paidOrder.id);
    expect(paidCancelled.data).toEqual({ id: paidOrder.id, version: 2, ticket: { id: paid.id }, reason: 'event-cancelled' });
    await settle();
    expect(cancellations(openOrder.id)).toHaveLength(1);
    expect(cancellations(paidOrder.id)).toHaveLength(1);
    expect(cancellations(earlierOrder.id)).toHaveLength(1); // the buyer's own, from before
    expect(cancellations(otherEventOrder.id)).toHaveLength(0);
    expect(cancellations(seedOrder.id)).toHaveLength(0);

    // The list shows refunded orders like any other, with the reason.
    const listed: OrderJson[] = (await harness.service.http.inject({ url: '/api/orders', headers: { cookie: buyer.cookie } })).json();
    expect(listed.find((order) => order.id === paidOrder.id)).toMatchObject({ status: 'refunded', cancelReason: 'event-cancelled', ticket: { id: paid.id } });
    // Nothing of the event is for sale any more, whoever asks.
    const other = await harness.sessions.newUser();
    for (const ticket of [open, paid, unsold]) {
      const response = await postOrder(harness, ticket.id, other.cookie);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ errors: [{ message: 'Ticket is no longer for sale' }] });
    }
  });

  it('a refunded order cannot be cancelled, expired or completed again', async () => {
    const eventId = crypto.randomUUID();
    const buyer = await harness.sessions.newUser();
    const order = await createOrder(harness, (await harness.seedTicket({ eventId })).id, buyer.cookie);
    await harness.waitHandled((await pay(order.id)).id);
    await harness.cancelEvent(eventId);

    const deleted = await harness.service.http.inject({ method: 'DELETE', url: `/api/orders/${order.id}`, headers: { cookie: buyer.cookie } });
    expect(deleted.statusCode).toBe(400);
    expect(deleted.json()).toEqual({ errors: [{ message: 'Cannot cancel a refunded order' }] });
    await harness.waitHandled((await harness.publish('expiration:complete', { orderId: order.id })).id);
    await harness.waitHandled((await pay(order.id)).id);
    await harness.waitHandled((await harness.publish('ticket:reservation-rejected', { orderId: order.id, ticketId: order.ticket.id, reason: 'withdrawn' })).id);
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'refunded', version: 2, cancelReason: 'event-cancelled' });
    await settle();
    expect(cancellations(order.id)).toHaveLength(1);
  });

  it('the same event delivered twice, and again under a new id, ends each order once', async () => {
    const eventId = crypto.randomUUID();
    const buyer = await harness.sessions.newUser();
    const tickets = await Promise.all([1, 2, 3].map(() => harness.seedTicket({ eventId })));
    const orders = [];
    for (const ticket of tickets) orders.push(await createOrder(harness, ticket.id, buyer.cookie));
    await harness.waitHandled((await pay(orders[0].id)).id);

    const envelope = makeEnvelope('event:cancelled', cancelledEventData(eventId));
    await harness.bus.publish([{ envelope, headers: {} }, { envelope, headers: {} }]);
    await harness.waitHandled(envelope.id);
    await harness.cancelEvent(eventId); // a second cancellation event for the same event

    await settle();
    for (const order of orders) expect(cancellations(order.id)).toHaveLength(1);
    expect(await show(orders[0].id, buyer.cookie)).toMatchObject({ status: 'refunded', version: 2 });
    for (const order of orders.slice(1)) expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'cancelled', version: 1 });
    const recorded = await harness.database.db.query('SELECT 1 FROM cancelled_events WHERE event_id = $1', [eventId]);
    expect(recorded).toHaveLength(1);
  });

  it('an event with no orders (or unknown to orders) is recorded, and its tickets are refused later', async () => {
    const eventId = crypto.randomUUID();
    await harness.cancelEvent(eventId);
    // Its ticket:created arrives after the cancellation (tickets published it before it heard).
    const late = await harness.seedTicket({ eventId });
    const buyer = await harness.sessions.newUser();
    const response = await postOrder(harness, late.id, buyer.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ errors: [{ message: 'Ticket is no longer for sale' }] });
    await settle();
    expect(harness.published.filter((event) => event.subject === 'order:created' && (event.data as { ticket: { id: string } }).ticket.id === late.id)).toEqual([]);
  });

  it('a withdrawn ticket (ticket:created or ticket:updated says so) cannot be ordered', async () => {
    const buyer = await harness.sessions.newUser();
    const withdrawnAtOnce = await harness.seedTicket({ eventId: crypto.randomUUID(), withdrawn: true });
    const later = await harness.seedTicket({ eventId: crypto.randomUUID() });
    const update = await harness.publish('ticket:updated', {
      id: later.id, version: 1, title: later.title, price: later.price, userId: later.userId, eventId: later.eventId, faceValue: later.price, withdrawn: true,
    });
    await harness.waitHandled(update.id);
    // An update that leaves the listing fields out changes neither the event nor the withdrawal.
    const bare = await harness.publish('ticket:updated', { id: later.id, version: 2, title: 'Renamed', price: later.price, userId: later.userId });
    await harness.waitHandled(bare.id);
    for (const ticket of [withdrawnAtOnce, later]) {
      const response = await postOrder(harness, ticket.id, buyer.cookie);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ errors: [{ message: 'Ticket is no longer for sale' }] });
    }
    const replica = await harness.database.db.query('SELECT event_id AS "eventId", withdrawn FROM tickets WHERE id = $1', [later.id]);
    expect(replica).toEqual([{ eventId: later.eventId, withdrawn: true }]);
  });

  it('ticket:reservation-rejected (withdrawn) cancels the order, with the event as its reason', async () => {
    const buyer = await harness.sessions.newUser();
    const ticket = await harness.seedTicket({ eventId: crypto.randomUUID() });
    const order = await createOrder(harness, ticket.id, buyer.cookie);
    await harness.waitHandled((await harness.publish('ticket:reservation-rejected', { orderId: order.id, ticketId: ticket.id, reason: 'withdrawn' })).id);
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'cancelled', version: 1, cancelReason: 'event-cancelled' });
    const event = await harness.waitForEvent('order:cancelled', (data) => data.id === order.id);
    expect(event.data).toEqual({ id: order.id, version: 1, ticket: { id: ticket.id }, reason: 'event-cancelled' });
  });

  it('payment:created racing event:cancelled on 40 orders: each ends refunded (paid first) or cancelled, with one order:cancelled', async () => {
    const eventId = crypto.randomUUID();
    const buyer = await harness.sessions.newUser();
    const tickets = await Promise.all(Array.from({ length: 40 }, () => harness.seedTicket({ eventId })));
    const orders = await Promise.all(tickets.map((ticket) => createOrder(harness, ticket.id, buyer.cookie)));
    // Half the payments leave before the cancellation, half after: both sides of the race happen.
    const payments = orders.slice(0, 20).map((order) => pay(order.id));
    const cancel = harness.cancelEvent(eventId);
    payments.push(...orders.slice(20).map((order) => pay(order.id)));
    const sent = await Promise.all(payments);
    await cancel;
    for (const envelope of sent) await harness.waitHandled(envelope.id);

    const outcomes = { refunded: 0, cancelled: 0 };
    for (const order of orders) {
      const final = await show(order.id, buyer.cookie);
      expect(['refunded', 'cancelled']).toContain(final.status);
      expect(final.cancelReason).toBe('event-cancelled');
      // Refunded only after it was complete (version 1, then 2); cancelled straight from created.
      expect(final.version).toBe(final.status === 'refunded' ? 2 : 1);
      outcomes[final.status as 'refunded' | 'cancelled']++;
      const event = await waitFor(() => cancellations(order.id)[0], { what: `order:cancelled for ${order.id}` });
      expect(event.data).toEqual({ id: order.id, version: final.version, ticket: { id: order.ticket.id }, reason: 'event-cancelled' });
    }
    await settle();
    for (const order of orders) expect(cancellations(order.id)).toHaveLength(1);
    console.info(`payment:created vs event:cancelled: ${JSON.stringify(outcomes)}`);
    expect(outcomes.refunded + outcomes.cancelled).toBe(40);
  });

  it('orders created while the event is cancelled: each is refused, or created and then cancelled', async () => {
    const eventId = crypto.randomUUID();
    const tickets = await Promise.all(Array.from({ length: 30 }, () => harness.seedTicket({ eventId })));
    const buyers = await Promise.all(tickets.map(() => harness.sessions.newUser()));
    const attempts = tickets.map((ticket, n) => postOrder(harness, ticket.id, buyers[n].cookie));
    const cancel = harness.cancelEvent(eventId);
    const answers = await Promise.all(attempts);
    await cancel;

    const created: OrderJson[] = [];
    for (const answer of answers) {
      if (answer.statusCode === 201) created.push(answer.json());
      else expect({ status: answer.statusCode, body: answer.json() }).toEqual({ status: 400, body: { errors: [{ message: 'Ticket is no longer for sale' }] } });
    }
    for (const order of created) {
      const buyer = buyers.find((user) => user.id === order.userId)!;
      expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'cancelled', version: 1, cancelReason: 'event-cancelled' });
    }
    const open = await harness.database.db.query(
      "SELECT o.id FROM orders o JOIN tickets t ON t.id = o.ticket_id WHERE t.event_id = $1 AND o.status <> 'cancelled'", [eventId]);
    expect(open).toEqual([]);
    console.info(`order vs event:cancelled: ${created.length} created then cancelled, ${answers.length - created.length} refused`);
  });
});
