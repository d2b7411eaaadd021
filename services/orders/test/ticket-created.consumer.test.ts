import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findReplica } from '../src/db/tickets.repository';
import { startOrders, type OrdersHarness } from './support/orders-harness';

describe('ticket:created → replica', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  it('inserts the ticket at version 0 with its seller and price in cents', async () => {
    const ticket = await harness.seedTicket({ title: 'Ballet', price: 49.99 });
    expect(await findReplica(harness.database.db, ticket.id)).toEqual({ id: ticket.id, title: 'Ballet', priceCents: 4999, userId: ticket.userId, version: 0, eventId: null, withdrawn: false, generation: 0 });
  });

  it('a second ticket:created for the same ticket (another event id) changes nothing', async () => {
    const ticket = await harness.seedTicket({ title: 'First' });
    const again = await harness.publish('ticket:created', { id: ticket.id, version: 0, title: 'Second', price: 1, userId: ticket.userId });
    await harness.waitHandled(again.id);
    expect(await findReplica(harness.database.db, ticket.id)).toMatchObject({ title: 'First', priceCents: 2000 });
  });
});
