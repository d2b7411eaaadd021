// Consumers: a handler states the rule; the kernel gives it a transaction that has already
// recorded (event id, group) in the inbox, so a redelivered event has no second effect, and
// whatever the handler publishes commits with it (outbox). Ack happens after the commit.
import { WaitingError } from '../bus/handler-errors';
import type { EventBus, Subscription } from '../bus/port';
import type { Db, Tx } from '../db/port';
import type { EventData, Subject } from '../events/contracts';
import type { Logger } from '../logger';
import { InboxBatcher } from './inbox-batch';

export interface ConsumerContext {
  logger: Logger;
  attempt: number;
}

export interface Consumer<S extends Subject = Subject> {
  subject: S;
  handle(event: { id: string; data: EventData<S>; occurredAt: string }, tx: Tx, context: ConsumerContext): Promise<void>;
}

/** Declares a consumer (an identity function that keeps the subject and data types together). */
export function consumer<S extends Subject>(definition: Consumer<S>): Consumer<S> {
  return definition;
}

/**
 * Thrown by a handler that cannot apply an event yet (e.g. version 3 before version 2): the
 * transaction rolls back, nothing is recorded, and the bus waits and retries (never dead-letters).
 */
export class NotReadyYet extends WaitingError {
  override name = 'NotReadyYet';
}

export interface StartConsumersOptions {
  db: Db;
  bus: EventBus;
  group: string;
  consumers: Consumer[];
  logger: Logger;
  /** Deliveries each subscription has in flight (prefetch). Default 64. */
  concurrency?: number;
  /** Most events handled in one transaction (inbox-batch.ts). Default 32; 1 turns batching off. */
  batchSize?: number;
}

export const defaultConsumerConcurrency = 64;
export const defaultConsumerBatchSize = 32;

export async function startConsumers(options: StartConsumersOptions): Promise<Subscription[]> {
  const subscriptions: Subscription[] = [];
  const concurrency = options.concurrency ?? defaultConsumerConcurrency;
  const maxBatch = Math.max(1, options.batchSize ?? defaultConsumerBatchSize);
  for (const definition of options.consumers) {
    // Enough batches in flight to keep the prefetch busy, each on a connection of its own.
    const batcher = new InboxBatcher({ db: options.db, group: options.group, maxBatch, maxConcurrent: Math.max(1, Math.ceil(concurrency / maxBatch)) });
    subscriptions.push(await options.bus.subscribe({
      group: options.group,
      subject: definition.subject,
      concurrency,
      handler: async ({ envelope, attempt }) => {
        const handled = await batcher.submit({
          envelope, effect: (tx) => definition.handle(envelope as never, tx, { logger: options.logger, attempt }),
        });
        if (!handled) options.logger.debug({ eventId: envelope.id, subject: envelope.subject }, 'duplicate event ignored');
      },
    }));
  }
  return subscriptions;
}

export { handleOnce } from './consumer-inbox';

