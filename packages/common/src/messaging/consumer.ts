// Consumers: a handler states the rule; the kernel gives it a transaction that has already
// recorded (event id, group) in the inbox, so a redelivered event has no second effect, and
// whatever the handler publishes commits with it (outbox). Ack happens after the commit.
import { WaitingError } from '../bus/handler-errors';
import type { EventBus, Subscription } from '../bus/port';
import type { Db, Tx } from '../db/port';
import type { Envelope, EventData, Subject } from '../events/contracts';
import type { Logger } from '../logger';

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
  concurrency?: number;
}

export async function startConsumers(options: StartConsumersOptions): Promise<Subscription[]> {
  const subscriptions: Subscription[] = [];
  for (const definition of options.consumers) {
    subscriptions.push(await options.bus.subscribe({
      group: options.group,
      subject: definition.subject,
      concurrency: options.concurrency,
      handler: async ({ envelope, attempt }) => {
        const handled = await handleOnce(options.db, options.group, envelope, (tx) =>
          definition.handle(envelope as never, tx, { logger: options.logger, attempt }));
        if (!handled) options.logger.debug({ eventId: envelope.id, subject: envelope.subject }, 'duplicate event ignored');
      },
    }));
  }
  return subscriptions;
}

/** Runs effect in a transaction that first claims (event, group) in the inbox. False for a duplicate. */
export async function handleOnce(db: Db, group: string, envelope: Envelope, effect: (tx: Tx) => Promise<void>): Promise<boolean> {
  return db.transaction(async (tx) => {
    const claimed = await tx.query(
      'INSERT INTO inbox (event_id, consumer_group, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
      [envelope.id, group, envelope.subject],
    );
    if (claimed.length === 0) return false;
    await effect(tx);
    return true;
  });
}
