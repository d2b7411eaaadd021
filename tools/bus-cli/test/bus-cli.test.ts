// The bus CLI as a user runs it: child processes (npx tsx) on RabbitMQ and on NATS, each broker in a
// sandbox of its own (BUS_EXCHANGE / BUS_STREAM + BUS_SUBJECT_PREFIX) removed at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBus, defaultRetryPolicy, type ManagedBus } from '@ticketing/common/bus/index';
import type { Envelope } from '@ticketing/common/events/contracts';

const ROOT = resolve(import.meta.dirname, '../../..');
// Each CLI call starts a process (npx tsx, ~1-2 s): the tests get a larger time budget.
const CLI = ['tsx', 'tools/bus-cli/src/main.ts'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const id = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

const brokers = [
  { name: 'rabbitmq', env: (): Record<string, string> => ({ BUS_URL: process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672', BUS_EXCHANGE: `test-cli-${id()}` }) },
  {
    name: 'nats',
    env: (): Record<string, string> => {
      const suffix = id();
      return { BUS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', BUS_STREAM: `TEST_CLI_${suffix}`, BUS_SUBJECT_PREFIX: `testcli_${suffix}` };
    },
  },
];

function ticketData(title = 'gig') {
  return { id: randomUUID(), version: 0, title, price: 15, userId: randomUUID() };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe.each(brokers)('bus CLI on $name', ({ env: makeEnv }) => {
  const env = makeEnv();
  // The test's own handle on the sandbox: to check what the CLI did, and to remove it afterwards.
  const busOptions = { exchange: env.BUS_EXCHANGE, stream: env.BUS_STREAM, subjectPrefix: env.BUS_SUBJECT_PREFIX };
  const buses: ManagedBus[] = [];
  const children = new Set<ChildProcess>();

  async function openBus(maxAttempts = defaultRetryPolicy.maxAttempts): Promise<ManagedBus> {
    // Same delay levels as the CLI (default policy), so destroy() removes all of them.
    const bus = await createBus(env.BUS_URL, { ...busOptions, policy: { ...defaultRetryPolicy, maxAttempts } });
    buses.push(bus);
    return bus;
  }

  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn('npx', [...CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => { stdout += chunk; });
      child.stderr.on('data', (chunk) => { stderr += chunk; });
      const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`bus ${args.join(' ')} timed out: ${stderr}`)); }, 30_000);
      child.on('error', reject);
      child.on('close', (code) => { clearTimeout(timer); resolvePromise({ code, stdout, stderr }); });
    });
  }

  /** A long-running `listen`, in its own process group so a signal reaches the node process under npx. */
  function listen(args: string[]) {
    const child = spawn('npx', [...CLI, 'listen', ...args], { cwd: ROOT, env: { ...process.env, ...env }, detached: true });
    children.add(child);
    const lines: string[] = [];
    let stderr = '';
    let buffered = '';
    child.stdout!.on('data', (chunk) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      lines.push(...parts);
    });
    child.stderr!.on('data', (chunk) => { stderr += chunk; });
    const exited = new Promise<void>((resolvePromise) => child.on('close', () => { children.delete(child); resolvePromise(); }));
    return {
      lines,
      stderr: () => stderr,
      async ready(): Promise<string> {
        await waitFor(() => stderr.includes('listening on') || child.exitCode !== null, 'the listener to start');
        const group = /as group (\S+)/.exec(stderr)?.[1];
        if (!group) throw new Error(`listener did not start: ${stderr}`);
        return group;
      },
      async stop(): Promise<void> {
        process.kill(-child.pid!, 'SIGTERM');
        await Promise.race([exited, sleep(20_000).then(() => { throw new Error('listener did not stop'); })]);
      },
    };
  }

  type Letter = { ref: string; group: string; error: string; body: string };

  /** Runs `dlq list` until its letters satisfy done (dead-lettering is asynchronous). */
  async function listUntil(done: (letters: Letter[]) => boolean): Promise<Letter[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const listed = await run(['dlq', 'list']);
      expect(listed.code).toBe(0);
      const letters = listed.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Letter);
      if (done(letters) || Date.now() > deadline) return letters;
      await sleep(200);
    }
  }

  afterAll(async () => {
    for (const child of children) process.kill(-child.pid!, 'SIGKILL');
    const cleaner = await openBus();
    await cleaner.destroy();
    await Promise.allSettled(buses.map((bus) => bus.close()));
  });

  it('listen prints the events another process publishes; an invalid payload is refused; the throwaway group is removed', async () => {
    const listener = listen(['ticket:created']);
    const group = await listener.ready();
    expect(group).toMatch(/^bus-cli-/);

    const refused = await run(['publish', 'ticket:created', JSON.stringify({ ...ticketData(), price: 'free' })]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('invalid ticket:created data');
    expect(refused.stderr).toContain('price');
    expect(refused.stdout).toBe('');

    const published = await run(['publish', 'ticket:created', JSON.stringify(ticketData('accepted'))]);
    expect(published.code).toBe(0);
    const envelope = JSON.parse(published.stdout) as Envelope<'ticket:created'>;
    expect(envelope.data.title).toBe('accepted');

    await waitFor(() => listener.lines.length >= 1, 'the event in the listener');
    await sleep(300);
    // One line, the accepted event's envelope: the refused one never reached the bus.
    expect(listener.lines.map((line) => JSON.parse(line))).toEqual([envelope]);

    await listener.stop();
    const after = await run(['publish', 'ticket:created', JSON.stringify(ticketData('after'))]);
    if (env.BUS_URL.startsWith('amqp')) {
      // The group's queue is gone and no other queue takes ticket:created here: the publish is
      // refused (returned by the broker), never confirmed into nowhere.
      expect(after.code).toBe(1);
      expect(after.stderr).toContain('no queue is bound');
    } else {
      // JetStream keeps the stream; the durable consumer is gone, so rejoining the group creates a
      // new one, which starts from the stream's history (the event already printed included).
      expect(after.code).toBe(0);
      const bus = await openBus();
      const late: string[] = [];
      const rejoined = await bus.subscribe({ group, subject: 'ticket:created', handler: async ({ envelope: e }) => { late.push(e.id); } });
      await waitFor(() => late.length >= 2, 'the history in the new consumer');
      await rejoined.close();
      await bus.removeGroup(group, 'ticket:created');
      expect(late[0]).toBe(envelope.id);
    }
  }, 90_000);

  it('dlq list, replay and drop work on the letters of the services\' groups', async () => {
    const bus = await openBus(1);
    let failing = true;
    const handled: string[] = [];
    const subscription = await bus.subscribe({
      group: 'cli-dlq', subject: 'ticket:created',
      handler: async ({ envelope }) => { if (failing) throw new Error('handler is down'); handled.push(envelope.id); },
    });
    try {
      const published = JSON.parse((await run(['publish', 'ticket:created', JSON.stringify(ticketData())])).stdout) as Envelope;
      // On NATS a new group also gets the stream's history (the other test's events): pick this one's letter.
      const ours = (found: Letter[]) => found.filter((letter) => letter.body.includes(published.id));
      const letters = ours(await listUntil((found) => ours(found).length > 0));
      expect(letters, JSON.stringify(letters)).toHaveLength(1);
      expect(letters[0].group).toBe('cli-dlq');
      expect(letters[0].error).toContain('handler is down');

      failing = false;
      const replayed = await run(['dlq', 'replay', letters[0].ref]);
      expect(replayed.stdout.trim()).toBe('replayed 1');
      await waitFor(() => handled.includes(published.id), 'the replayed event');

      await bus.publishRaw('ticket:created', 'garbage');
      const withGarbage = await listUntil((found) => found.some((letter) => letter.body === 'garbage'));
      expect(withGarbage.filter((letter) => letter.body === 'garbage')).toHaveLength(1);
      expect(withGarbage.some((letter) => ours([letter]).length > 0), 'the replayed letter is gone').toBe(false);
      expect((await run(['dlq', 'drop'])).stdout.trim()).toBe(`dropped ${withGarbage.length}`);
      expect((await run(['dlq', 'list'])).stdout).toBe('');
    } finally {
      await subscription.close();
      await bus.removeGroup('cli-dlq', 'ticket:created');
    }
  }, 90_000);
});
