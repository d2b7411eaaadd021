// A consumer whose channel (here: its whole connection, closed by the broker) goes away while a
// handler is still running. rabbitmq-client re-subscribes only once every running handler has
// returned, so one hung handler used to stop the subscription for good. With the handler timeout
// the consumer comes back: the stuck message is delivered again and later messages flow.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createRabbitBus, type RabbitBus } from '../src/bus/rabbitmq';
import { makeEnvelope, type Envelope } from '../src/events/contracts';

const RABBIT_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function ticket(title: string): Envelope<'ticket:created'> {
  return makeEnvelope('ticket:created', { id: randomUUID(), version: 0, title, price: 10, userId: randomUUID() });
}

/** Asks the broker to close the connection with this client-provided name. */
function closeConnectionNamed(name: string): void {
  const listing = execFileSync('rabbitmqctl', ['-q', 'list_connections', 'pid', 'client_properties'], { encoding: 'utf8', timeout: 30_000 });
  const line = listing.split('\n').find((entry) => entry.includes(`{"connection_name","${name}"}`));
  if (!line) throw new Error(`no connection named ${name}`);
  execFileSync('rabbitmqctl', ['-q', 'close_connection', line.split('\t')[0], 'test: channel lost mid-handler'], { timeout: 30_000 });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('RabbitMQ consumer that loses its channel while a handler runs', () => {
  let bus: RabbitBus | undefined;
  afterEach(async () => {
    await bus?.destroy().catch(() => undefined);
    await bus?.close();
    bus = undefined;
  });

  it('recovers: the stuck message is handled again and the next ones are consumed', async () => {
    const exchange = `test-chloss-${randomBytes(4).toString('hex')}`;
    bus = createRabbitBus({ url: RABBIT_URL, exchange, policy: { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 500, handlerTimeoutMs: 1_000 } });
    const handled: string[] = [];
    let started = false;
    await bus.subscribe({
      group: 'fragile', subject: 'ticket:created',
      handler: async ({ envelope, attempt }) => {
        if ((envelope.data as { title: string }).title === 'stuck' && attempt === 1) {
          started = true;
          await new Promise(() => undefined); // hangs for ever
        }
        handled.push(envelope.id);
      },
    });
    const stuck = ticket('stuck');
    await bus.publish([{ envelope: stuck, headers: {} }]);
    await waitFor(() => started, 'the handler to start');
    closeConnectionNamed(`ticketing-bus ${exchange} consume`);

    await waitFor(() => handled.includes(stuck.id), 'the stuck message, delivered again');
    const next = ticket('after the channel came back');
    await bus.publish([{ envelope: next, headers: {} }]);
    await waitFor(() => handled.includes(next.id), 'a message published after the recovery');
    expect(await bus.deadLetters.list()).toEqual([]);
  }, 60_000);
});
