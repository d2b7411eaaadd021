import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrder, listed, payOrder, postOrder, reserveInReplica, resellInReplica, startOrders, type OrdersHarness,
} from './support/orders-harness';

// Architecture decision 7: the database, not a check in code, keeps a ticket to one order.
describe('many buyers, one ticket', () => {
  let harness: OrdersHarness;
  let buyers: Array<{ id: string; cookie: string }>;
  beforeAll(async () => {
    // The same 50 buyers win round after round: the cap on unpaid orders is not what this measures.
    harness = await startOrders({ bus: 'rabbitmq', poolSize: 20, maxActiveOrders: 1_000 });
    buyers = await Promise.all(Array.from({ length: 50 }, () => harness.sessions.newUser()));
  });
  afterAll(() => harness.close());

  it('50 concurrent buyers → exactly one 201, 49 × 400 "Ticket is already reserved", no 5xx (20 rounds)', async () => {
    for (let round = 0; round < 20; round += 1) {
      const ticket = await harness.seedTicket({ title: `Flash sale ${round}` });
      const responses = await Promise.all(buyers.map((buyer) => postOrder(harness, ticket.id, buyer.cookie)));
      const statuses = responses.map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 201), `round ${round}`).toHaveLength(1);
      const losers = responses.filter((response) => response.statusCode !== 201);
      expect(losers).toHaveLength(49);
      for (const loser of losers) {
        expect(loser.statusCode).toBe(400);
        expect(loser.json()).toEqual({ errors: [{ message: 'Ticket is already reserved' }] });
      }
      const rows = await harness.database.db.query('SELECT id FROM orders WHERE ticket_id = $1', [ticket.id]);
      expect(rows).toHaveLength(1);
    }
  }, 120_000);

  it('a resold ticket (generation 1): 50 concurrent buyers → exactly one 201 for generation 1, generation 0 stays complete (5 rounds)', async () => {
    for (let round = 0; round < 5; round += 1) {
      const [holder, ...rest] = buyers;
      let ticket = listed(await harness.seedTicket({ title: `Resale ${round}` }));
      const gen0 = await createOrder(harness, ticket.id, holder.cookie);
      ticket = await reserveInReplica(harness, ticket, gen0.id);
      await payOrder(harness, gen0.id);
      ticket = await resellInReplica(harness, ticket, { holderId: holder.id, price: 22 });
      const responses = await Promise.all(rest.map((buyer) => postOrder(harness, ticket.id, buyer.cookie)));
      const winners = responses.filter((response) => response.statusCode === 201);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(winners[0].json().ticket.generation).toBe(1);
      for (const loser of responses.filter((response) => response.statusCode !== 201)) {
        expect(loser.statusCode).toBe(400);
        expect(loser.json()).toEqual({ errors: [{ message: 'Ticket is already reserved' }] });
      }
      const rows = await harness.database.db.query<{ status: string; generation: number }>(
        'SELECT status, ticket_generation AS generation FROM orders WHERE ticket_id = $1 ORDER BY ticket_generation', [ticket.id]);
      expect(rows).toEqual([{ status: 'complete', generation: 0 }, { status: 'created', generation: 1 }]);
    }
  }, 120_000);
});
