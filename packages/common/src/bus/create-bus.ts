// Picks the bus adapter from a URL (BUS_URL): amqp(s):// → RabbitMQ, nats:// → NATS JetStream,
// memory:// → in-process.
import type { Logger } from '../logger';
import type { BusMetrics } from '../metrics';
import { createInProcessBus } from './in-process';
import { createNatsBus } from './nats';
import type { EventBus, RetryPolicy } from './port';
import { createRabbitBus } from './rabbitmq';

export interface CreateBusOptions {
  policy?: RetryPolicy;
  metrics?: BusMetrics;
  logger?: Logger;
  /** RabbitMQ exchange (default `ticketing`). */
  exchange?: string;
  /** RabbitMQ type of the group and dead-letter queues (default classic; BUS_QUEUE_TYPE). */
  queueType?: 'classic' | 'quorum';
  /** NATS stream (default `TICKETING`). */
  stream?: string;
  /** NATS subject prefix (default `ticketing`). */
  subjectPrefix?: string;
}

/** What every adapter offers beyond the port: operator and test housekeeping. */
export interface ManagedBus extends EventBus {
  /** Deletes a group's queue/consumer for one subject (the CLI's throwaway groups). */
  removeGroup(group: string, subject: string): Promise<void>;
  /** Deletes everything this bus's exchange/stream holds (tests). Close subscriptions first. */
  destroy(): Promise<void>;
}

export async function createBus(url: string, options: CreateBusOptions = {}): Promise<ManagedBus> {
  const { policy, metrics, logger } = options;
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  switch (scheme) {
    case 'amqp':
    case 'amqps':
      return createRabbitBus({ url, exchange: options.exchange, queueType: options.queueType, policy, metrics, logger });
    case 'nats':
      return createNatsBus({ url, stream: options.stream, subjectPrefix: options.subjectPrefix, policy, metrics, logger });
    case 'memory':
      return createInProcessBus({ policy, metrics, logger });
    default:
      throw new Error(`unsupported bus URL "${url}": use amqp://, amqps://, nats:// or memory://`);
  }
}
