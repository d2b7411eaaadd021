// The bus the CLI talks to, from the environment: BUS_URL (default the local RabbitMQ), and
// BUS_EXCHANGE (RabbitMQ) or BUS_STREAM + BUS_SUBJECT_PREFIX (NATS) to work in a sandbox.
// `memory://<data dir>` (default TICKETING_DATA_DIR or ./.data) is the embedded marketplace's bus:
// its dead letters only, through the running marketplace's socket, or its journal while it is stopped.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createBus, createInProcessBus, isServing, remoteDeadLetters, type DeadLetters, type ManagedBus,
} from '@ticketing/common/bus/index';
import { UsageError } from './usage-error';

export const defaultBusUrl = 'amqp://guest:guest@127.0.0.1:5672';

export function busUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.BUS_URL || defaultBusUrl;
}

export async function connectBus(env: NodeJS.ProcessEnv = process.env): Promise<ManagedBus> {
  const url = busUrl(env);
  // The in-process bus lives and dies with one process: a CLI process cannot reach a service's.
  if (url.startsWith('memory:')) throw new UsageError('BUS_URL memory:// is the in-process bus of one process: only `dlq` works on it; use amqp:// or nats://');
  return createBus(url, {
    exchange: env.BUS_EXCHANGE || undefined,
    queueType: env.BUS_QUEUE_TYPE === 'quorum' ? 'quorum' : undefined,
    stream: env.BUS_STREAM || undefined,
    subjectPrefix: env.BUS_SUBJECT_PREFIX || undefined,
  });
}

/** The embedded data directory a memory:// URL names. */
export function embeddedDataDir(url: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(url.slice('memory://'.length) || env.TICKETING_DATA_DIR || './.data');
}

/** The dead letters of the bus BUS_URL names, embedded included, and how to let go of them. */
export async function openDeadLetters(env: NodeJS.ProcessEnv = process.env): Promise<{ letters: DeadLetters; close(): Promise<void> }> {
  const url = busUrl(env);
  if (!url.startsWith('memory:')) {
    const bus = await connectBus(env);
    return { letters: bus.deadLetters, close: () => bus.close() };
  }
  const dataDir = embeddedDataDir(url, env);
  const socket = join(dataDir, 'bus.sock');
  if (await isServing(socket)) return { letters: remoteDeadLetters(socket), close: async () => undefined };
  const journalPath = join(dataDir, 'bus-journal.jsonl');
  if (!existsSync(journalPath)) throw new UsageError(`no embedded bus journal in ${dataDir} (start the marketplace with npm start first, or set TICKETING_DATA_DIR)`);
  // Stopped marketplace: open its journal (locked, so it cannot start meanwhile); replays are delivered at its next start.
  const bus = createInProcessBus({ journalPath });
  return { letters: bus.deadLetters, close: () => bus.close() };
}
