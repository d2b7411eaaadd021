// The in-process bus with its journal (embedded mode): what a broker's durable queues promise must
// hold across a crash of the process. A "crash" here is a bus abandoned without close(): its
// handlers never finish, nothing is drained, and a new bus opens the same journal file.
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessBus, type InProcessBus } from '../src/bus/in-process';
import type { IncomingMessage, RetryPolicy } from '../src/bus/port';
import { makeEnvelope, type Envelope } from '../src/events/contracts';
import { waitFor } from '../src/testing/wait';

const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 };
const never = () => new Promise<void>(() => undefined);
const opened: InProcessBus[] = [];

function journalPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'bus-journal-')), 'journal.jsonl');
}

function open(path: string, journalCompactAfter?: number): InProcessBus {
  const bus = createInProcessBus({ policy, journalPath: path, journalCompactAfter });
  opened.push(bus);
  return bus;
}

function ticketCreated(title: string): Envelope<'ticket:created'> {
  return makeEnvelope('ticket:created', { id: randomUUID(), version: 0, title, price: 20, userId: randomUUID() });
}

async function collect(bus: InProcessBus, group = 'orders'): Promise<IncomingMessage[]> {
  const received: IncomingMessage[] = [];
  await bus.subscribe({ group, subject: 'ticket:created', handler: async (message) => { received.push(message); } });
  return received;
}

const titles = (messages: IncomingMessage[]) => messages.map((message) => (message.envelope.data as { title: string }).title).sort();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  // The abandoned ("crashed") buses have handlers that never finish: close them without waiting.
  for (const bus of opened.splice(0)) void bus.close();
});

describe('in-process bus journal', () => {
  it('delivers after a crash the messages whose handling had not finished', async () => {
    const path = journalPath();
    const first = open(path);
    let started = 0;
    await first.subscribe({ group: 'orders', subject: 'ticket:created', handler: () => { started += 1; return never(); } });
    await first.publish(['a', 'b', 'c'].map((title) => ({ envelope: ticketCreated(title), headers: {} })));
    await waitFor(() => started === 3, { what: 'the three handlers to start' });

    const second = open(path);
    const received = await collect(second);
    await waitFor(() => received.length === 3, { what: 'the three messages after the crash' });
    expect(titles(received)).toEqual(['a', 'b', 'c']);
  });

  it('does not deliver again what was handled before the crash', async () => {
    const path = journalPath();
    const first = open(path);
    const handled = await collect(first);
    await first.publish([{ envelope: ticketCreated('handled'), headers: {} }]);
    await waitFor(() => handled.length === 1, { what: 'the first message to be handled' });
    let blocked = 0;
    await first.subscribe({ group: 'tickets', subject: 'ticket:created', handler: () => { blocked += 1; return never(); } });
    await first.publish([{ envelope: ticketCreated('in flight'), headers: {} }]);
    await waitFor(() => handled.length === 2 && blocked === 1, { what: 'both groups to take the second message' });

    const second = open(path);
    const orders = await collect(second, 'orders');
    const tickets = await collect(second, 'tickets');
    await waitFor(() => tickets.length === 1, { what: 'the tickets group to get its unfinished message' });
    await sleep(100);
    expect(orders).toEqual([]);
    expect(titles(tickets)).toEqual(['in flight']);
  });

  it('keeps a queue across a crash: what is published before its group subscribes again waits for it', async () => {
    const path = journalPath();
    const first = open(path);
    await collect(first);

    const second = open(path);
    await second.publish([{ envelope: ticketCreated('early'), headers: {} }]);
    expect(second.pendingCount()).toBe(1);
    const received = await collect(second);
    await waitFor(() => received.length === 1, { what: 'the message published before the subscription' });
    expect(titles(received)).toEqual(['early']);
  });

  it('carries the attempt count and the dead letters across a crash', async () => {
    const path = journalPath();
    const first = open(path);
    const attempts: number[] = [];
    await first.subscribe({
      group: 'orders', subject: 'ticket:created',
      handler: async ({ attempt }) => { attempts.push(attempt); if (attempt < 2) throw new Error('not yet'); return never(); },
    });
    await first.publish([{ envelope: ticketCreated('failing'), headers: {} }]);
    await waitFor(() => attempts.length === 2, { what: 'two attempts' });

    const second = open(path);
    const seen: number[] = [];
    await second.subscribe({ group: 'orders', subject: 'ticket:created', handler: async ({ attempt }) => { seen.push(attempt); throw new Error('broken for good'); } });
    await waitFor(async () => (await second.deadLetters.list()).length === 1, { what: 'the dead letter' });
    expect(seen).toEqual([2, 3]);

    const third = open(path);
    const [letter] = await third.deadLetters.list();
    expect(letter).toMatchObject({ group: 'orders', subject: 'ticket:created', attempts: 3, error: 'Error: broken for good' });
    const received = await collect(third);
    expect(await third.deadLetters.replay()).toBe(1);
    await waitFor(() => received.length === 1, { what: 'the replayed letter' });
    expect(received[0].attempt).toBe(1);
    expect(await open(path).deadLetters.list()).toEqual([]);
  });

  it('a compaction that a publish triggers keeps the messages of that publish', async () => {
    const path = journalPath();
    // 1 queue record + 4 enqueue records: the 4th publish compacts the journal.
    const first = open(path, 5);
    let started = 0;
    await first.subscribe({ group: 'orders', subject: 'ticket:created', handler: () => { started += 1; return never(); } });
    for (const title of ['a', 'b', 'c', 'd']) await first.publish([{ envelope: ticketCreated(title), headers: {} }]);
    await waitFor(() => started === 4, { what: 'four handlers to start' });

    const received = await collect(open(path));
    await waitFor(() => received.length === 4, { what: 'the four messages after the crash' });
    expect(titles(received)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('compacts while running without dropping what is still queued, retried or dead', async () => {
    const path = journalPath();
    const first = open(path, 7);
    await first.subscribe({
      group: 'orders', subject: 'ticket:created', concurrency: 50,
      handler: async ({ envelope }) => { if ((envelope.data as { title: string }).title.startsWith('bad')) throw new Error('bad'); return never(); },
    });
    await first.subscribe({ group: 'tickets', subject: 'ticket:created', handler: async () => undefined });
    for (let batch = 0; batch < 10; batch++) {
      await first.publish([{ envelope: ticketCreated(`t${batch}`), headers: {} }, { envelope: ticketCreated(`bad${batch}`), headers: {} }]);
    }
    await waitFor(async () => (await first.deadLetters.list()).length === 10, { what: 'ten dead letters' });
    expect(readFileSync(path, 'utf8').trim().split('\n').length).toBeLessThan(100);

    const second = open(path);
    expect((await second.deadLetters.list()).map((letter) => JSON.parse(letter.body).data.title).sort()).toEqual(Array.from({ length: 10 }, (_, index) => `bad${index}`).sort());
    const orders = await collect(second, 'orders');
    const tickets = await collect(second, 'tickets');
    await waitFor(() => orders.length === 10, { what: 'the ten messages still in handlers' });
    await sleep(100);
    expect(titles(orders)).toEqual(Array.from({ length: 10 }, (_, index) => `t${index}`).sort());
    expect(tickets).toEqual([]);
  });

  it('ignores the torn last line of a crash and compacts what was settled', async () => {
    const path = journalPath();
    const first = open(path);
    const received = await collect(first);
    await first.publish(Array.from({ length: 50 }, (_, index) => ({ envelope: ticketCreated(`t${index}`), headers: {} })));
    await waitFor(() => received.length === 50, { what: 'fifty messages handled' });
    appendFileSync(path, '{"op":"enqueue","id":"torn","gro');

    const second = open(path);
    expect(second.pendingCount()).toBe(0);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).op)).toEqual(['queue']);
  });
});
