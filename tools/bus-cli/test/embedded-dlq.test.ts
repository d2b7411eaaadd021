// `npm run bus -- dlq list|replay|drop` on the embedded marketplace's bus (BUS_URL=memory://<data
// dir>): while the marketplace is stopped (through its journal, locked so it cannot start
// meanwhile) and while it runs (through its socket). The test process plays the marketplace: an
// in-process bus with its journal in a data directory of its own, as the embedded launcher opens it.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createInProcessBus, makeEnvelope, PermanentError, serveDeadLetters, type InProcessBus,
} from '@ticketing/common';

const ROOT = resolve(import.meta.dirname, '../../..');
const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

function cli(dataDir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npx', ['tsx', 'tools/bus-cli/src/main.ts', ...args], { cwd: ROOT, env: { ...process.env, BUS_URL: `memory://${dataDir}` } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`bus ${args.join(' ')} timed out: ${stderr}`)); }, 30_000);
    child.on('close', (code) => { clearTimeout(timer); resolvePromise({ code, stdout, stderr }); });
  });
}

/** A marketplace-like bus in dataDir with one dead letter per title. */
async function busWithLetters(dataDir: string, titles: string[]): Promise<InProcessBus> {
  const bus = createInProcessBus({ journalPath: join(dataDir, 'bus-journal.jsonl'), policy: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 } });
  await bus.declare([{ group: 'orders-service', subject: 'ticket:created' }]);
  const subscription = await bus.subscribe({ group: 'orders-service', subject: 'ticket:created', handler: async () => { throw new PermanentError('cannot apply'); } });
  await bus.publish(titles.map((title) => ({ envelope: makeEnvelope('ticket:created', { id: randomUUID(), version: 0, title, price: 10, userId: randomUUID() }), headers: {} })));
  for (let wait = 0; wait < 100 && (await bus.deadLetters.list()).length < titles.length; wait++) await sleep(20);
  await subscription.close();
  return bus;
}

const letterLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { ref: string; body: string; group: string });

describe('bus CLI on the embedded bus (memory://<data dir>)', () => {
  it('lists, replays and drops dead letters while the marketplace is stopped; the replay is delivered at its next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'embedded-dlq-'));
    await (await busWithLetters(dataDir, ['replay me', 'drop me'])).close();

    const listed = await cli(dataDir, ['dlq', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    const letters = letterLines(listed.stdout);
    expect(letters.map((letter) => JSON.parse(letter.body).data.title).sort()).toEqual(['drop me', 'replay me']);
    const byTitle = Object.fromEntries(letters.map((letter) => [JSON.parse(letter.body).data.title, letter.ref]));
    expect((await cli(dataDir, ['dlq', 'replay', byTitle['replay me']])).stdout.trim()).toBe('replayed 1');
    expect((await cli(dataDir, ['dlq', 'drop', byTitle['drop me']])).stdout.trim()).toBe('dropped 1');
    expect(letterLines((await cli(dataDir, ['dlq', 'list'])).stdout)).toEqual([]);

    // The marketplace starts again: the replayed event reaches its group.
    const restarted = createInProcessBus({ journalPath: join(dataDir, 'bus-journal.jsonl') });
    const received: string[] = [];
    await restarted.subscribe({ group: 'orders-service', subject: 'ticket:created', handler: async ({ envelope }) => { received.push((envelope.data as { title: string }).title); } });
    for (let wait = 0; wait < 100 && received.length === 0; wait++) await sleep(20);
    await restarted.close();
    expect(received).toEqual(['replay me']);
  }, 120_000);

  it('works through the running marketplace\'s socket, and never opens a journal another live process holds', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'embedded-dlq-'));
    const bus = await busWithLetters(dataDir, ['one', 'two']);
    const admin = await serveDeadLetters(bus.deadLetters, join(dataDir, 'bus.sock'));
    try {
      const listed = await cli(dataDir, ['dlq', 'list']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(letterLines(listed.stdout)).toHaveLength(2);
      expect((await cli(dataDir, ['dlq', 'drop'])).stdout.trim()).toBe('dropped 2');
      expect(await bus.deadLetters.list()).toEqual([]);
    } finally {
      await admin.close();
    }
    // Marketplace "hung" (socket gone, process alive, journal locked): the CLI refuses rather than write beside it.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await bus.close();
      writeFileSync(join(dataDir, 'bus-journal.jsonl.lock'), String(child.pid));
      const refused = await cli(dataDir, ['dlq', 'list']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/in use by process/);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
