// The bus the CLI talks to, from the environment: BUS_URL (default the local RabbitMQ), and
// BUS_EXCHANGE (RabbitMQ) or BUS_STREAM + BUS_SUBJECT_PREFIX (NATS) to work in a sandbox.
import { createBus, type ManagedBus } from '@ticketing/common/bus/index';
import { UsageError } from './usage-error';

export const defaultBusUrl = 'amqp://guest:guest@127.0.0.1:5672';

export function busUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.BUS_URL || defaultBusUrl;
}

export async function connectBus(env: NodeJS.ProcessEnv = process.env): Promise<ManagedBus> {
  const url = busUrl(env);
  // The in-process bus lives and dies with one process: a CLI process cannot reach a service's.
  if (url.startsWith('memory:')) throw new UsageError('BUS_URL memory:// is the in-process bus of one process; use amqp:// or nats://');
  return createBus(url, {
    exchange: env.BUS_EXCHANGE || undefined,
    stream: env.BUS_STREAM || undefined,
    subjectPrefix: env.BUS_SUBJECT_PREFIX || undefined,
  });
}
