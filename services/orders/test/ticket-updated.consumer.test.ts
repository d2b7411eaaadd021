import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { findReplica } from '../src/db/tickets.repository';
import { startOrders, type OrdersHarness } from './support/orders-harness';

// Replicas apply versioned updates in version order (architecture decision 6), over RabbitMQ.
describe('ticket:updated → replica', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  const replica = (id: string) => findReplica(harness.database.db, id);

  it('applies the next version', async () => {
    const ticket = await harness.seedTicket({ title: 'Old', price: 10 });
    const update = await harness.publish('ticket:updated', { id: ticket.id, version: 1, title: 'New', price: 15.5, userId: ticket.userId });
    await harness.waitHandled(update.id);
    expect(await replica(ticket.id)).toEqual({ id: ticket.id, title: 'New', priceCents: 1550, userId: ticket.userId, version: 1, eventId: null, withdrawn: false, generation: 0 });
  });

  it('v2 delivered before v1: both applied, in order (final title is v2\'s)', async () => {
    const ticket = await harness.seedTicket({ title: 'v0' });
    const v2 = await harness.publish('ticket:updated', { id: ticket.id, version: 2, title: 'v2', price: 22, userId: ticket.userId });
    // v2 must be waiting (not applied, not recorded) until v1 arrives.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await replica(ticket.id)).toMatchObject({ title: 'v0', version: 0 });
    const v1 = await harness.publish('ticket:updated', { id: ticket.id, version: 1, title: 'v1', price: 11, userId: ticket.userId });
    await harness.waitHandled(v1.id);
    await harness.waitHandled(v2.id);
    expect(await replica(ticket.id)).toEqual({ id: ticket.id, title: 'v2', priceCents: 2200, userId: ticket.userId, version: 2, eventId: null, withdrawn: false, generation: 0 });
  });

  it('a version gap that lasts far longer than the retry budget is waited out, never dead-lettered (R9)', async () => {
    // The harness allows 10 failures with at most 1 s between tries (≈ 6 s): the gap lasts 12 s.
    const ticket = await harness.seedTicket({ title: 'v0' });
    const v2 = await harness.publish('ticket:updated', { id: ticket.id, version: 2, title: 'v2', price: 22, userId: ticket.userId });
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    expect(await harness.bus.deadLetters.list()).toEqual([]);
    expect(await replica(ticket.id)).toMatchObject({ title: 'v0', version: 0 });
    const v1 = await harness.publish('ticket:updated', { id: ticket.id, version: 1, title: 'v1', price: 11, userId: ticket.userId });
    await harness.waitHandled(v1.id);
    await harness.waitHandled(v2.id);
    expect(await replica(ticket.id)).toMatchObject({ title: 'v2', version: 2 });
    expect(await harness.bus.deadLetters.list()).toEqual([]);
  }, 40_000);

  it('a duplicate (an older or equal version under a new event id) has no effect', async () => {
    const ticket = await harness.seedTicket({ title: 'v0' });
    const v1 = await harness.publish('ticket:updated', { id: ticket.id, version: 1, title: 'v1', price: 11, userId: ticket.userId });
    await harness.waitHandled(v1.id);
    const duplicate = await harness.publish('ticket:updated', { id: ticket.id, version: 1, title: 'replayed', price: 99, userId: ticket.userId });
    await harness.waitHandled(duplicate.id);
    expect(await replica(ticket.id)).toMatchObject({ title: 'v1', priceCents: 1100, version: 1 });
  });

  it('the same event delivered twice is applied once', async () => {
    const ticket = await harness.seedTicket({ title: 'v0' });
    const v1 = await harness.publish('ticket:updated', { id: ticket.id, version: 1, title: 'v1', price: 11, userId: ticket.userId });
    await harness.bus.publish([{ envelope: v1, headers: {} }]);
    await harness.waitHandled(v1.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await replica(ticket.id)).toMatchObject({ title: 'v1', version: 1 });
  });

  it('an update for a ticket not seen yet waits for its ticket:created', async () => {
    const id = crypto.randomUUID();
    const userId = crypto.randomUUID();
    const v1 = await harness.publish('ticket:updated', { id, version: 1, title: 'v1', price: 5, userId });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await replica(id)).toBeUndefined();
    await harness.publish('ticket:created', { id, version: 0, title: 'v0', price: 4, userId });
    await harness.waitHandled(v1.id);
    await waitFor(async () => (await replica(id))?.version === 1, { what: 'replica at v1' });
    expect(await replica(id)).toMatchObject({ title: 'v1', priceCents: 500 });
  });
});
