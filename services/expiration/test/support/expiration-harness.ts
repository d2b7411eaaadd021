// An expiration service on its own PostgreSQL schema, its own RabbitMQ exchange and (for BullMQ)
// its own queue, with a recorder of the expiration:complete events it publishes.
import { Queue } from 'bullmq';
import {
  createBus, makeEnvelope, silentLogger, type Envelope, type EventData, type ManagedBus, type RetryPolicy, type Service,
  type Subscription,
} from '@ticketing/common';
import { createTestSessions, openTestPostgres, uniqueName, type TestDb } from '@ticketing/common/testing/index';
import { createExpirationService } from '../../src/app';
import { BullmqScheduler } from '../../src/scheduler/bullmq.scheduler';
import { DbTimersScheduler } from '../../src/scheduler/db-timers.scheduler';
import type { ExpiryScheduler } from '../../src/scheduler/scheduler.port';
import { fastRetry, REDIS_URL } from './scheduler-backends';

export const RABBIT_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const fastBusRetries: RetryPolicy = { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 1_000 };

export interface ExpirationHarness {
  service: Service;
  /** expiration:complete events seen on the bus, with the time they arrived. */
  completed: Array<{ envelope: Envelope<'expiration:complete'>; at: number }>;
  publishOrderCreated(data: EventData<'order:created'>): Promise<Envelope<'order:created'>>;
  /** Sends an already published envelope again (a broker redelivery). */
  republish(envelope: Envelope): Promise<void>;
  close(): Promise<void>;
}

export async function startExpiration(schedulerKind: 'bullmq' | 'db'): Promise<ExpirationHarness> {
  const database: TestDb = await openTestPostgres('expiration');
  const bus: ManagedBus = await createBus(RABBIT_URL, { exchange: uniqueName('test_expiration'), policy: fastBusRetries });
  const queueName = uniqueName('test_expiration');
  const scheduler: ExpiryScheduler = schedulerKind === 'bullmq'
    ? new BullmqScheduler({ redisUrl: REDIS_URL, queueName, retry: fastRetry, db: database.db })
    : new DbTimersScheduler({ db: database.db });
  const sessions = await createTestSessions();
  const service = await createExpirationService({
    db: database.db, bus, logger: silentLogger(), verifySession: sessions.verifySession, config: {}, scheduler,
  });
  const completed: ExpirationHarness['completed'] = [];
  const listener: Subscription = await bus.subscribe({
    group: 'test-listener', subject: 'expiration:complete',
    handler: async ({ envelope }) => { completed.push({ envelope: envelope as Envelope<'expiration:complete'>, at: Date.now() }); },
  });
  await service.start();

  return {
    service, completed,
    async publishOrderCreated(data) {
      const envelope = makeEnvelope('order:created', data);
      await bus.publish([{ envelope, headers: {} }]);
      return envelope;
    },
    async republish(envelope) {
      await bus.publish([{ envelope, headers: {} }]);
    },
    async close() {
      await service.stop();
      await listener.close();
      await bus.destroy();
      await bus.close();
      await database.close();
      if (schedulerKind === 'bullmq') {
        const queue = new Queue(queueName, { connection: { url: REDIS_URL } });
        await queue.obliterate({ force: true });
        await queue.close();
      }
    },
  };
}

export function orderCreatedData(expiresAt: Date, orderId: string = crypto.randomUUID()): EventData<'order:created'> {
  return {
    id: orderId, version: 0, status: 'created', userId: crypto.randomUUID(), expiresAt: expiresAt.toISOString(),
    ticket: { id: crypto.randomUUID(), price: 20 },
  };
}
