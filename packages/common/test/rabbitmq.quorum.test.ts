// BUS_QUEUE_TYPE=quorum (issue 14): the group queues and their dead-letter queues are declared as
// quorum queues (the delay queues stay classic), redeclaring at every start and the consumers'
// own redeclaration after a reconnect agree with that, and the whole path works on them: a
// delivery, a retry through a delay queue, a dead letter. The local RabbitMQ is one node, where
// quorum queues work as on a cluster.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createRabbitBus, type RabbitBus } from '../src/bus/rabbitmq';
import { makeEnvelope } from '../src/events/contracts';

const RABBIT_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const vhost = decodeURIComponent(new URL(RABBIT_URL).pathname.slice(1)) || '/';

/** name → type of this exchange's queues, as the broker reports them. */
function queueTypes(exchange: string): Map<string, string> {
  const out = execFileSync('rabbitmqctl', ['list_queues', '-p', vhost, '--quiet', '--no-table-headers', 'name', 'type'], { encoding: 'utf8', timeout: 60_000 });
  return new Map(out.trim().split('\n').map((line) => line.trim().split(/\s+/) as [string, string]).filter(([name]) => name.startsWith(`${exchange}.`)));
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('RabbitMQ with BUS_QUEUE_TYPE=quorum', () => {
  let bus: RabbitBus | undefined;
  afterEach(async () => {
    await bus?.destroy().catch(() => undefined);
    await bus?.close();
    bus = undefined;
  });

  it('declares group and dead-letter queues as quorum queues, delay queues classic, and delivers, retries and dead-letters through them', async () => {
    const exchange = `test-quorum-${randomBytes(4).toString('hex')}`;
    bus = createRabbitBus({ url: RABBIT_URL, exchange, queueType: 'quorum', policy: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 200 } });
    const topology = [{ group: 'orders-service', subject: 'ticket:created' as const }];
    for (let start = 0; start < 2; start++) await bus.declare(topology);

    const seen: string[] = [];
    const subscription = await bus.subscribe({
      group: 'orders-service', subject: 'ticket:created',
      handler: async (message) => {
        const title = (message.envelope.data as { title: string }).title;
        seen.push(title);
        if (title === 'retry-once' && seen.filter((candidate) => candidate === title).length === 1) throw new Error('first attempt fails');
        if (title === 'poison') throw new Error('always fails');
      },
    });
    await bus.publish(['plain', 'retry-once', 'poison'].map((title) => ({
      envelope: makeEnvelope('ticket:created', { id: randomUUID(), version: 0, title, price: 10, userId: randomUUID() }), headers: {},
    })));
    await waitFor(() => seen.filter((title) => title === 'retry-once').length === 2 && seen.filter((title) => title === 'poison').length === 2, 'retry and dead letter');
    let letters: Awaited<ReturnType<RabbitBus['deadLetters']['list']>> = [];
    for (const deadline = Date.now() + 10_000; letters.length === 0 && Date.now() < deadline;) {
      letters = await bus.deadLetters.list();
      if (letters.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(letters.map((letter) => (JSON.parse(letter.body) as { data: { title: string } }).data.title)).toEqual(['poison']);
    expect(seen.filter((title) => title === 'plain')).toHaveLength(1);
    await subscription.close();

    const types = queueTypes(exchange);
    const queue = `${exchange}.orders-service.ticket:created`;
    expect(types.get(queue)).toBe('quorum');
    expect(types.get(`${queue}.dlq`)).toBe('quorum');
    const delayQueues = [...types].filter(([name]) => name.startsWith(`${exchange}.delay.`));
    expect(delayQueues.length).toBeGreaterThan(0);
    for (const [name, type] of delayQueues) expect(type, name).toBe('classic');
  });
});
