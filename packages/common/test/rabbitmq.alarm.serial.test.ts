// A RabbitMQ memory alarm blocks every connection that publishes. Consumers must still ack, so the
// queues drain while publishing waits (the outbox keeps what cannot go out). Before publishing and
// consuming had separate connections, the blocked connection also stopped the consumers' acks.
// Serial: it sets the shared broker's memory watermark (and restores it, whatever happens).
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Connection } from 'rabbitmq-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../src/bus/port';
import { createRabbitBus } from '../src/bus/rabbitmq';
import { makeEnvelope } from '../src/events/contracts';

const RABBIT_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rabbitmqctl(...args: string[]): string {
  return execFileSync('rabbitmqctl', args, { encoding: 'utf8', timeout: 60_000 }).trim();
}

function event(title: string): OutgoingMessage {
  return { envelope: makeEnvelope('ticket:created', { id: randomUUID(), version: 0, title, price: 10, userId: randomUUID() }), headers: {} };
}

/** Messages ready or unacked in a queue, read on a connection of its own that never publishes. */
async function queueDepth(queue: string): Promise<number> {
  const connection = new Connection({ url: RABBIT_URL });
  try {
    const { messageCount } = await connection.queueDeclare({ queue, passive: true });
    return messageCount;
  } finally {
    await connection.close();
  }
}

/** Rejects after ms: a blocked connection hangs rather than fails, and the test must end by itself. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

describe('RabbitMQ adapter under a memory alarm', () => {
  const watermark = rabbitmqctl('eval', 'vm_memory_monitor:get_vm_memory_high_watermark().');
  // Also here: a test that times out never reaches its finally.
  afterAll(() => { rabbitmqctl('set_vm_memory_high_watermark', watermark); });

  it('keeps consuming and acking while publishing is blocked, and publishes again after the alarm', async () => {
    const exchange = `test-alarm-${randomBytes(4).toString('hex')}`;
    const bus = createRabbitBus({ url: RABBIT_URL, exchange, publishTimeoutMs: 2_000, policy: { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 1_000 } });
    try {
      await bus.declare([{ group: 'drain', subject: 'ticket:created' }]);
      const queue = `${exchange}.drain.ticket:created`;
      const backlog = Array.from({ length: 200 }, (_, i) => event(`backlog ${i}`));
      await bus.publish(backlog);
      expect(await queueDepth(queue)).toBe(200);

      rabbitmqctl('set_vm_memory_high_watermark', '0.0000001');
      // The alarm is raised: a publish is blocked (no confirm within its timeout).
      await expect(bus.publish([event('while blocked')])).rejects.toThrow(/confirm/);

      const received = new Set<string>();
      await within(20_000, 'subscribing while publishing is blocked', bus.subscribe({
        group: 'drain', subject: 'ticket:created', handler: async ({ envelope }) => { received.add(envelope.id); },
      }));
      const deadline = Date.now() + 30_000;
      while ((received.size < 200 || (await within(10_000, 'reading the queue depth', queueDepth(queue))) > 0) && Date.now() < deadline) await sleep(200);
      expect(received.size).toBeGreaterThanOrEqual(200);
      expect(await queueDepth(queue), 'acked while the publishing connection was blocked').toBe(0);
    } finally {
      rabbitmqctl('set_vm_memory_high_watermark', watermark);
    }
    // After the alarm clears, the same bus publishes again.
    const after = event('after the alarm');
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await bus.publish([after]);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(500);
      }
    }
    await bus.destroy();
    await bus.close();
  }, 120_000);
});
