// A RabbitMQ outage under a live subscriber: the broker's app stops for 10 s and comes back; the
// same bus object and the same subscription go on publishing and consuming without being recreated.
// Serial: it stops the shared broker.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../src/bus/port';
import { createRabbitBus, type RabbitBus } from '../src/bus/rabbitmq';
import { makeEnvelope } from '../src/events/contracts';

const RABBIT_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rabbitmqctl(...args: string[]): void {
  execFileSync('rabbitmqctl', args, { stdio: 'ignore', timeout: 120_000 });
}

function event(title: string): OutgoingMessage {
  return { envelope: makeEnvelope('ticket:created', { id: randomUUID(), version: 0, title, price: 10, userId: randomUUID() }), headers: {} };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** What the outbox relay does: try again until the broker confirms. Returns the failed attempts. */
async function publishUntilConfirmed(bus: RabbitBus, message: OutgoingMessage, timeoutMs = 90_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (let failures = 0; ; failures++) {
    try {
      await bus.publish([message]);
      return failures;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

describe('RabbitMQ adapter through a broker outage', () => {
  it('resumes publishing and consuming on the same subscription after the broker restarts', async () => {
    const bus = createRabbitBus({
      url: RABBIT_URL, exchange: `test-outage-${randomBytes(4).toString('hex')}`, publishTimeoutMs: 3_000,
      policy: { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 1_000 },
    });
    const received: string[] = [];
    const subscription = await bus.subscribe({
      group: 'survivor', subject: 'ticket:created', handler: async ({ envelope }) => { received.push(envelope.id); },
    });
    try {
      const before = event('before');
      await bus.publish([before]);
      await waitFor(() => received.includes(before.envelope.id), 'the message sent before the outage');

      const during = event('during');
      let duringPublish: Promise<number> | undefined;
      let sawDisconnect = false;
      try {
        rabbitmqctl('stop_app');
        await waitFor(() => !bus.isConnected(), 'the bus to notice the outage', 15_000);
        sawDisconnect = true;
        duringPublish = publishUntilConfirmed(bus, during);
        await sleep(10_000);
      } finally {
        rabbitmqctl('start_app');
        rabbitmqctl('await_startup');
      }
      expect(sawDisconnect).toBe(true);
      const failedDuringOutage = await duringPublish!;
      expect(failedDuringOutage).toBeGreaterThan(0);
      await waitFor(() => bus.isConnected(), 'the bus to reconnect', 30_000);

      const after = Array.from({ length: 5 }, (_, i) => event(`after ${i}`));
      for (const message of after) await publishUntilConfirmed(bus, message);
      const expected = [during, ...after].map((message) => message.envelope.id);
      await waitFor(() => expected.every((id) => received.includes(id)), 'messages published after the restart');
    } finally {
      await subscription.close();
      await bus.destroy().catch(() => undefined);
      await bus.close();
    }
  });
});
