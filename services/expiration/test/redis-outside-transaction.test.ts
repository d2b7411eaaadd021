// Issue 10 §4: no call to Redis while a database transaction is open. The order:created consumer
// schedules the expiry inside its inbox transaction; with BullMQ it must not call Redis there, or
// a slow or absent Redis holds the transaction (and its connection, and the event) open. With
// Redis unreachable, the consumer's transaction still commits at once, recording the expiry in
// bullmq_handoff; once a scheduler can reach Redis the expiry is handed over and fires.
import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleOnce, makeEnvelope, migrate, silentLogger } from '@ticketing/common';
import { openTestPostgres, uniqueName, waitFor, type TestDb } from '@ticketing/common/testing/index';
import { orderCreated } from '../src/consumers/order-created.consumer';
import { migrationsDir } from '../src/db/migrations-dir';
import { BullmqScheduler } from '../src/scheduler/bullmq.scheduler';
import { orderCreatedData } from './support/expiration-harness';
import { fireRecorder } from './support/fire-recorder';
import { REDIS_URL } from './support/scheduler-backends';

describe('BullMQ scheduling from the order:created consumer', () => {
  let database: TestDb;
  const queueName = uniqueName('test_expiration_handoff');
  beforeAll(async () => {
    database = await openTestPostgres('expiration_handoff');
    await migrate(database.db, migrationsDir);
  });
  afterAll(async () => {
    const queue = new Queue(queueName, { connection: { url: REDIS_URL } });
    await queue.obliterate({ force: true });
    await queue.close();
    await database?.close();
  });

  it('commits without Redis, and the expiry fires once Redis is reachable', async () => {
    const unreachable = new BullmqScheduler({ redisUrl: `redis://127.0.0.1:${await closedPort()}`, queueName, db: database.db });
    const order = orderCreatedData(new Date(Date.now() + 300));
    const envelope = makeEnvelope('order:created', order);
    const consume = handleOnce(database.db, 'expiration-service', envelope, (tx) =>
      orderCreated(unreachable).handle(envelope, tx, { logger: silentLogger(), attempt: 1 }));
    const outcome = await Promise.race([consume.then(() => 'committed'), new Promise((resolve) => setTimeout(resolve, 3_000, 'still open'))]);
    expect(outcome).toBe('committed');
    expect(await database.db.query('SELECT order_id FROM bullmq_handoff')).toEqual([{ order_id: order.id }]);
    await unreachable.stop();

    const scheduler = new BullmqScheduler({ redisUrl: REDIS_URL, queueName, db: database.db });
    const recorder = fireRecorder();
    await scheduler.start(recorder.onDue);
    try {
      await waitFor(() => recorder.count(order.id) === 1, { timeoutMs: 10_000, what: 'the handed-over expiry fired' });
      expect(recorder.fires[0].at).toBeGreaterThanOrEqual(new Date(order.expiresAt).getTime());
      await waitFor(async () => (await database.db.query('SELECT 1 FROM bullmq_handoff')).length === 0, { what: 'hand-off row removed' });
    } finally {
      await scheduler.stop();
    }
  });
});

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
