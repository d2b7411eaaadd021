// RabbitMQ specifics of "topology before traffic": declaring is idempotent and cheap to repeat
// (every process does it at every start), and the dead-letter index names each queue once
// instead of growing by one line per subscribe.
import { randomBytes } from 'node:crypto';
import { Connection } from 'rabbitmq-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createRabbitBus, type RabbitBus } from '../src/bus/rabbitmq';
import { subscriptionTable } from '../src/events/subscriptions';

const RABBIT_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

async function depth(queue: string): Promise<number> {
  const connection = new Connection({ url: RABBIT_URL });
  try {
    return (await connection.queueDeclare({ queue, passive: true })).messageCount;
  } finally {
    await connection.close();
  }
}

describe('RabbitMQ topology', () => {
  let bus: RabbitBus | undefined;
  afterEach(async () => {
    await bus?.destroy().catch(() => undefined);
    await bus?.close();
    bus = undefined;
  });

  it('declares the whole subscription table, idempotently, and indexes each queue once however often it is declared or subscribed', async () => {
    const exchange = `test-topology-${randomBytes(4).toString('hex')}`;
    bus = createRabbitBus({ url: RABBIT_URL, exchange, policy: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 500 } });
    for (let start = 0; start < 3; start++) await bus.declare(subscriptionTable);
    for (let start = 0; start < 3; start++) {
      const subscription = await bus.subscribe({ group: 'orders-service', subject: 'ticket:created', handler: async () => undefined });
      await subscription.close();
    }
    for (const { group, subject } of subscriptionTable) expect(await depth(`${exchange}.${group}.${subject}`)).toBe(0);
    expect(await depth(`${exchange}.dlq-index`)).toBe(subscriptionTable.length);
  });
});
