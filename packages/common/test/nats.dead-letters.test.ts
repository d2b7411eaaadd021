// NATS JetStream specifics: dead letters live in a stream of their own with no age limit, so they
// outlive the main stream's retention (they used to share it and vanish with it), and a durable
// consumer created for the first time starts from the stream's history.
import { randomBytes } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError } from '../src/bus/handler-errors';
import { createNatsBus, type NatsBus } from '../src/bus/nats';
import { makeEnvelope } from '../src/events/contracts';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('NATS dead letters', () => {
  let bus: NatsBus | undefined;
  afterEach(async () => {
    await bus?.destroy().catch(() => undefined);
    await bus?.close();
    bus = undefined;
  });

  it('keeps a dead letter after the main stream\'s messages have aged out', async () => {
    const id = randomBytes(4).toString('hex');
    bus = await createNatsBus({ url: NATS_URL, stream: `TEST_DLQ_${id}`, subjectPrefix: `testdlq_${id}`, maxAgeMs: 1_000, policy: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 } });
    await bus.subscribe({ group: 'doomed', subject: 'ticket:created', handler: async () => { throw new PermanentError('never applicable'); } });
    const envelope = makeEnvelope('ticket:created', { id: randomUUID(), version: 0, title: 'poison', price: 5, userId: randomUUID() });
    await bus.publish([{ envelope, headers: {} }]);
    const deadline = Date.now() + 10_000;
    while ((await bus.deadLetters.list()).length === 0 && Date.now() < deadline) await sleep(100);
    await sleep(2_500); // well past the main stream's max_age
    const letters = await bus.deadLetters.list();
    expect(letters).toHaveLength(1);
    expect(JSON.parse(letters[0].body).id).toBe(envelope.id);
    expect(letters[0].error).toContain('PermanentError');
  });
});
