// R9 "topology before traffic": a first deployment where orders, payments, expiration and delivery
// are still crash-looping while tickets is up (a fresh RabbitMQ vhost: no queue exists yet). Every ticket
// listed meanwhile must reach orders once it starts, and every order must reach payments and
// expiration when they start after it. Before every process declared the contract's whole
// subscription table, RabbitMQ confirmed those events into no queue and they were gone.
import { Queue } from 'bullmq';
import { expiryJobId } from '../../services/expiration/src/scheduler/bullmq.scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfraStack, type InfraStack } from '../../bench/support/infra-stack';
import { queryDb, waitForOrdersReplica } from '../../bench/support/seed';
import { listTickets, newClient } from './support/workload';
import { sleep } from './support/rounds';

async function outboxPending(url: string): Promise<number> {
  const [{ pending }] = await queryDb<{ pending: number }>(url, 'SELECT count(*)::int AS pending FROM outbox WHERE sent_at IS NULL');
  return pending;
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(250);
  }
}

describe('R9 first deployment: consumers that start after their events were published', () => {
  let stack: InfraStack;
  beforeAll(async () => { stack = await startInfraStack({ deferred: ['orders', 'payments', 'expiration', 'delivery'] }); }, 120_000);
  afterAll(async () => { await stack?.stop(); }, 120_000);

  it('orders and delivery get every ticket listed before they ever ran; payments and expiration every order made before they ran', async () => {
    const client = newClient(stack);
    const tickets = await listTickets(stack, client, 4, 5);
    expect(tickets).toHaveLength(20);
    // Published (confirmed by the broker) while no orders process had ever declared its queues.
    await waitUntil('tickets outbox sent', async () => (await outboxPending(stack.databaseUrls.tickets)) === 0);
    await sleep(1_000);

    await stack.restartService('orders');
    await waitForOrdersReplica(stack, tickets, 30_000);

    const buyer = await stack.newUser();
    const order = await client.send('POST', '/api/orders', buyer, { ticketId: tickets[0] });
    expect(order.status).toBe(201);
    const orderId = String(order.json.id);
    await waitUntil('orders outbox sent', async () => (await outboxPending(stack.databaseUrls.orders)) === 0);
    await sleep(1_000);

    await stack.restartService('payments');
    await stack.restartService('expiration');
    await waitUntil('the order in payments\' replica', async () =>
      (await queryDb(stack.databaseUrls.payments, 'SELECT 1 FROM orders WHERE id = $1', [orderId])).length === 1);
    const queue = new Queue('expiration', { connection: { url: stack.redisUrl } });
    try {
      await waitUntil('the expiry scheduled', async () => (await queue.getJob(expiryJobId(orderId))) !== undefined);
    } finally {
      await queue.close();
    }
    // Delivery, started last, knows every listing (whose seller may attach a file) made before it ran.
    await stack.restartService('delivery');
    await waitUntil('delivery\'s replica of the tickets', async () =>
      (await queryDb<{ known: number }>(stack.databaseUrls.delivery, 'SELECT count(*)::int AS known FROM tickets WHERE id = ANY($1::uuid[])', [tickets]))[0].known === tickets.length);
    // The reservation reached tickets too (it was up all along): the ticket is held by this order.
    await waitUntil('the ticket reserved', async () =>
      (await queryDb<{ order_id: string | null }>(stack.databaseUrls.tickets, 'SELECT order_id FROM tickets WHERE id = $1', [tickets[0]]))[0]?.order_id === orderId);
  }, 180_000);
});
