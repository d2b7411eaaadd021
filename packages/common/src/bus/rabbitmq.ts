// The RabbitMQ adapter (infra default), on rabbitmq-client: it reconnects by itself, re-runs the
// consumers' declarations after a reconnect, and awaits publisher confirms. Publishing and
// consuming use separate connections: a memory or disk alarm blocks publishing connections, and
// the consumers must still ack so the queues can drain. Events are published `mandatory`: one that
// no queue would receive comes back (basic.return) and the publish fails, so it stays in the outbox.
//
// Topology for exchange X (events.md): topic exchange X, routing key = subject; durable queue per
// (group, subject). Retries leave the source queue (no head-of-line blocking): the message is
// published to the headers exchange X.delay, which routes it by delay level to a queue with that
// message TTL; on expiry it is dead-lettered to the direct exchange X.requeue, to which every
// source queue is bound with its own name. Dead letters go to the direct exchange X.dlx, one
// queue `<queue>.dlq` per source queue. X.dlq-index lists the source queues that have a dlq (AMQP
// cannot list queues), so another process (the CLI) can find them.
import { createHash, randomUUID } from 'node:crypto';
import { Connection, ConsumerStatus, type AsyncMessage, type Channel, type Envelope as AmqpEnvelope, type SyncMessage } from 'rabbitmq-client';
import type { Logger } from '../logger';
import type { BusMetrics } from '../metrics';
import { expectsConsumers } from '../events/subscriptions';
import { handleDelivery } from './delivery';
import { throwUnlessAll } from './publish-results';
import {
  defaultRetryPolicy, Unroutable, type DeadLetter, type EventBus, type Headers, type OutgoingMessage,
  type RetryPolicy, type SubscribeOptions, type Subscription, type TopologyEntry,
} from './port';

export interface RabbitBusOptions {
  url: string;
  exchange?: string;
  policy?: RetryPolicy;
  metrics?: BusMetrics;
  logger?: Logger;
  /** A publish not confirmed within this time (e.g. broker down) rejects; the outbox relay retries. */
  publishTimeoutMs?: number;
  /**
   * Type of the group queues and their dead-letter queues: `quorum` (replicated, for a cluster)
   * or `classic` (the broker's default). The delay queues stay classic. A queue's type is fixed
   * when it is first declared: choose before the first start on a broker (or vhost).
   */
  queueType?: 'classic' | 'quorum';
}

export interface RabbitBus extends EventBus {
  readonly kind: 'rabbitmq';
  /** Deletes a group's queue for one subject and its dead-letter queue (throwaway groups). */
  removeGroup(group: string, subject: string): Promise<void>;
  /** Deletes every queue and exchange of this bus's exchange name (tests). Close subscriptions first. */
  destroy(): Promise<void>;
}

/** Our bookkeeping headers. Not `x-…`: a headers exchange ignores those when matching. */
const H = {
  attempt: 'ticketing-attempt',
  failures: 'ticketing-failures',
  waitingSince: 'ticketing-waiting-since',
  delay: 'ticketing-delay',
  group: 'ticketing-group',
  subject: 'ticketing-subject',
  error: 'ticketing-error',
  attempts: 'ticketing-attempts',
  deadAt: 'ticketing-dead-at',
  letter: 'ticketing-letter',
} as const;

/** Delay levels base·2^k below max, then max: one TTL queue each. */
export function delayLevels(policy: RetryPolicy): number[] {
  const max = Math.max(1, Math.round(policy.maxDelayMs));
  const levels: number[] = [];
  for (let delay = Math.max(1, Math.round(policy.baseDelayMs)); delay < max; delay *= 2) levels.push(delay);
  levels.push(max);
  return levels;
}

function quantise(levels: number[], delayMs: number): number {
  return levels.find((level) => level >= delayMs) ?? levels[levels.length - 1];
}

function bodyBuffer(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.from(JSON.stringify(body), 'utf8'); // a message someone sent as application/json
}

/** String headers only (trace context, ours); drops the broker's x-death tables and the like. */
function stringHeaders(headers: Record<string, unknown> | undefined): Headers {
  const out: Headers = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number') out[key] = String(value);
  }
  return out;
}

/** Headers that travel with a message through retry, dead letter and replay (not bookkeeping). */
function carried(headers: Headers): Headers {
  const out: Headers = {};
  for (const [key, value] of Object.entries(headers)) if (!key.startsWith('x-') && !key.startsWith('ticketing-')) out[key] = value;
  return out;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no broker confirmation within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === 'NOT_FOUND';
}

export function createRabbitBus(options: RabbitBusOptions): RabbitBus {
  const exchange = options.exchange ?? 'ticketing';
  const policy = options.policy ?? defaultRetryPolicy;
  const publishTimeoutMs = options.publishTimeoutMs ?? 15_000;
  const levels = delayLevels(policy);
  const logger = options.logger;
  const durableQueue = options.queueType === 'quorum' ? { durable: true, arguments: { 'x-queue-type': 'quorum' as const } } : { durable: true };
  // Queues of the production exchange keep the names of events.md; other exchanges (tests, the
  // CLI's sandboxes) prefix theirs so they never meet.
  const queuePrefix = exchange === 'ticketing' ? '' : `${exchange}.`;
  const names = {
    delay: `${exchange}.delay`,
    requeue: `${exchange}.requeue`,
    dlx: `${exchange}.dlx`,
    index: `${exchange}.dlq-index`,
    queue: (group: string, subject: string) => `${queuePrefix}${group}.${subject}`,
    dlq: (queue: string) => `${queue}.dlq`,
    delayQueue: (ms: number) => `${exchange}.delay.${ms}`,
  };
  const exchanges = [
    { exchange, type: 'topic', durable: true },
    { exchange: names.delay, type: 'headers', durable: true },
    { exchange: names.requeue, type: 'direct', durable: true },
    { exchange: names.dlx, type: 'direct', durable: true },
  ];

  // A short reconnect backoff cap: after an outage the bus is back within seconds, not 30 s.
  // noDelay: with Nagle on, small frames wait for delayed ACKs (p50 11 ms → 0.8 ms at 500 msg/s).
  const open = (role: string) => {
    const opened = new Connection({
      url: options.url, noDelay: true, retryLow: 500, retryHigh: 5_000, acquireTimeout: publishTimeoutMs, connectionName: `ticketing-bus ${exchange} ${role}`,
    });
    opened.on('error', (error) => logger?.warn({ err: error, role }, 'rabbitmq connection error'));
    opened.on('connection', () => logger?.info({ role }, 'rabbitmq connected'));
    opened.on('connection.blocked', (reason) => logger?.warn({ role, reason }, 'rabbitmq blocked this connection (resource alarm)'));
    opened.on('connection.unblocked', () => logger?.info({ role }, 'rabbitmq unblocked this connection'));
    return opened;
  };
  // Declarations, consumers and dead-letter reads; never publishes, so an alarm never blocks it.
  const connection = open('consume');
  const publishing = open('publish');
  const publisher = publishing.createPublisher({ confirm: true, maxAttempts: 1, exchanges });
  /** Message ids the broker handed back as unroutable; basic.return always precedes the confirm. */
  const returned = new Set<string>();
  publisher.on('basic.return', (message: { messageId?: string }) => { if (message.messageId) returned.add(message.messageId); });
  const consumers = new Set<{ close(): Promise<void> }>();
  let closed = false;

  function send(envelope: AmqpEnvelope, body: Buffer): Promise<void> {
    return withTimeout(publisher.send({ durable: true, ...envelope }, body), publishTimeoutMs, `publish to ${envelope.exchange || envelope.routingKey}`);
  }

  /** A publish that must reach a queue: the broker returns it (and we reject) when none is bound. */
  async function sendRouted(envelope: AmqpEnvelope & { messageId: string }, body: Buffer): Promise<void> {
    await send({ ...envelope, mandatory: true }, body);
    // basic.return is emitted on setImmediate; let it land before deciding.
    await new Promise((resolve) => setImmediate(resolve));
    if (returned.delete(envelope.messageId)) {
      throw new Unroutable(`no queue is bound for ${envelope.routingKey} on ${envelope.exchange}: declare the topology first`);
    }
  }

  async function declareShared(): Promise<void> {
    for (const declaration of exchanges) await connection.exchangeDeclare(declaration);
    for (const level of levels) {
      const queue = names.delayQueue(level);
      await connection.queueDeclare({
        queue, durable: true, arguments: { 'x-message-ttl': level, 'x-dead-letter-exchange': names.requeue },
      });
      await connection.queueBind({ queue, exchange: names.delay, arguments: { 'x-match': 'all', [H.delay]: String(level) } });
    }
    await connection.queueDeclare({ queue: names.index, durable: true });
  }

  async function declareGroup(queue: string, subject: string): Promise<void> {
    // Only a queue new to this broker goes into the dead-letter index (not one line per start).
    const isNew = !(await queueExists(names.dlq(queue)));
    await connection.queueDeclare({ queue, ...durableQueue });
    await connection.queueBind({ queue, exchange, routingKey: subject });
    await connection.queueBind({ queue, exchange: names.requeue, routingKey: queue });
    await connection.queueDeclare({ queue: names.dlq(queue), ...durableQueue });
    await connection.queueBind({ queue: names.dlq(queue), exchange: names.dlx, routingKey: queue });
    if (isNew) await send({ exchange: '', routingKey: names.index }, Buffer.from(queue));
  }

  async function declare(entries: TopologyEntry[]): Promise<void> {
    if (closed) throw new Error('bus is closed');
    await declareShared();
    for (const { group, subject } of entries) await declareGroup(names.queue(group, subject), subject);
  }

  /** Runs fn on its own channel; closing it requeues whatever fn got and did not ack. */
  async function withChannel<T>(fn: (channel: Channel) => Promise<T>): Promise<T> {
    const channel = await connection.acquire();
    try {
      return await fn(channel);
    } finally {
      if (channel.active) await channel.close().catch(() => undefined);
    }
  }

  async function drainQueue(channel: Channel, queue: string): Promise<SyncMessage[]> {
    const messages: SyncMessage[] = [];
    for (let message = await channel.basicGet({ queue }); message; message = await channel.basicGet({ queue })) messages.push(message);
    return messages;
  }

  async function queueExists(queue: string): Promise<boolean> {
    try {
      // On a channel of its own: a failed passive declare closes the channel it ran on.
      await withChannel((channel) => channel.queueDeclare({ queue, passive: true }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Source queues that have a dlq, from the index; rewrites the index without duplicates and stale names. */
  async function indexedQueues(): Promise<string[]> {
    await connection.queueDeclare({ queue: names.index, durable: true });
    return withChannel(async (channel) => {
      const entries = await drainQueue(channel, names.index);
      const live: string[] = [];
      for (const queue of new Set(entries.map((entry) => bodyBuffer(entry.body).toString('utf8')))) {
        if (await queueExists(names.dlq(queue))) live.push(queue);
      }
      if (entries.length > live.length) {
        // Republish (confirmed) before acking, so a crash in between duplicates, never loses, an entry.
        for (const queue of live) await send({ exchange: '', routingKey: names.index }, Buffer.from(queue));
        await channel.basicAck({ deliveryTag: entries[entries.length - 1].deliveryTag, multiple: true });
      }
      return live;
    });
  }

  function letterRef(dlq: string, message: SyncMessage): string {
    const id = stringHeaders(message.headers)[H.letter] ?? message.messageId
      ?? createHash('sha1').update(bodyBuffer(message.body)).update(JSON.stringify(message.headers ?? {})).digest('hex');
    return `${dlq}#${id}`;
  }

  function toLetter(source: string, message: SyncMessage): DeadLetter {
    const headers = stringHeaders(message.headers);
    const [group, ...rest] = source.slice(queuePrefix.length).split('.');
    return {
      ref: letterRef(names.dlq(source), message),
      group: headers[H.group] ?? group,
      subject: headers[H.subject] ?? rest.join('.'),
      body: bodyBuffer(message.body).toString('utf8'),
      error: headers[H.error] ?? '',
      attempts: Number(headers[H.attempts] ?? 0),
      deadAt: headers[H.deadAt] ?? '',
    };
  }

  /** Reads the chosen dlqs, calls act on the chosen letters and acks them; the rest go back. */
  async function settleLetters(refs: string[] | undefined, act: (source: string, message: SyncMessage) => Promise<void>): Promise<number> {
    const wanted = refs ? new Set(refs) : undefined;
    const sources = refs
      ? [...new Set(refs.map((ref) => ref.slice(0, ref.lastIndexOf('#'))).filter((dlq) => dlq.endsWith('.dlq')).map((dlq) => dlq.slice(0, -4)))]
      : await indexedQueues();
    let count = 0;
    for (const source of sources) {
      if (!(await queueExists(names.dlq(source)))) continue;
      count += await withChannel(async (channel) => {
        let settled = 0;
        for (const message of await drainQueue(channel, names.dlq(source))) {
          if (wanted && !wanted.has(letterRef(names.dlq(source), message))) continue;
          await act(source, message);
          await channel.basicAck({ deliveryTag: message.deliveryTag });
          settled++;
        }
        return settled;
      });
    }
    return count;
  }

  async function subscribe({ group, subject, handler, concurrency = 10 }: SubscribeOptions): Promise<Subscription> {
    if (closed) throw new Error('bus is closed');
    const queue = names.queue(group, subject);
    const labels = { group, subject };
    await declare([{ group, subject }]);

    async function onMessage(message: AsyncMessage): Promise<ConsumerStatus> {
      const headers = stringHeaders(message.headers);
      const attempt = Math.max(1, Number(headers[H.attempt] ?? 1) || 1);
      // A redelivery means the consumer died (or its channel closed) holding it: that counts as a failure.
      const failures = Math.max(0, Number(headers[H.failures] ?? 0) || 0) + (message.redelivered ? 1 : 0);
      const body = bodyBuffer(message.body);
      const outcome = await handleDelivery(
        { group, subject, body, headers, attempt, failures, waitingSince: headers[H.waitingSince] }, handler, { policy, metrics: options.metrics, logger },
      );
      try {
        if (outcome.kind === 'retry') {
          const level = quantise(levels, outcome.delayMs);
          // Ack the original only once the delayed copy is confirmed: a crash in between duplicates, never loses.
          const bookkeeping: Headers = { [H.delay]: String(level), [H.attempt]: String(attempt + 1), [H.failures]: String(outcome.failures) };
          if (outcome.waitingSince) bookkeeping[H.waitingSince] = outcome.waitingSince;
          await send({
            exchange: names.delay, routingKey: queue, messageId: message.messageId,
            headers: { ...carried(headers), ...bookkeeping },
          }, body);
          logger?.debug({ ...labels, attempt, delayMs: level, waiting: outcome.waiting, error: outcome.error }, 'message scheduled for retry');
        } else if (outcome.kind === 'dead') {
          const letter = randomUUID();
          await send({
            exchange: names.dlx, routingKey: queue, messageId: letter,
            headers: {
              ...carried(headers), [H.group]: group, [H.subject]: subject, [H.error]: outcome.error,
              [H.attempts]: String(attempt), [H.deadAt]: new Date().toISOString(), [H.letter]: letter,
            },
          }, body);
          logger?.warn({ ...labels, attempt, error: outcome.error }, 'message dead-lettered');
        }
        return ConsumerStatus.ACK;
      } catch (error) {
        // The retry/dead-letter copy was not confirmed: give the message back, after a pause so it cannot spin.
        logger?.warn({ ...labels, err: error }, 'could not reroute message; requeueing it');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return ConsumerStatus.REQUEUE;
      }
    }

    const consumer = connection.createConsumer({
      queue, queueOptions: durableQueue, qos: { prefetchCount: concurrency }, concurrency, exchanges,
      queueBindings: [{ queue, exchange, routingKey: subject }, { queue, exchange: names.requeue, routingKey: queue }],
    }, onMessage);
    consumer.on('error', (error) => logger?.warn({ ...labels, err: error }, 'rabbitmq consumer error'));
    // After a reconnect the consumer redeclares its own queue; redeclare the retry and dead-letter side too.
    let first = true;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumer on ${queue} not ready within ${publishTimeoutMs} ms`)), publishTimeoutMs);
      consumer.on('ready', () => {
        if (first) { first = false; clearTimeout(timer); resolve(); return; }
        Promise.all([declareShared(), declareGroup(queue, subject)])
          .catch((error) => logger?.warn({ ...labels, err: error }, 'could not redeclare retry topology'));
      });
    });
    const subscription = { close: () => consumer.close() };
    consumers.add(subscription);
    try {
      await ready;
    } catch (error) {
      consumers.delete(subscription);
      await consumer.close();
      throw error;
    }
    return {
      async close() {
        consumers.delete(subscription);
        await consumer.close();
      },
    };
  }

  return {
    kind: 'rabbitmq',

    async publish(messages: OutgoingMessage[]): Promise<void> {
      if (closed) throw new Error('bus is closed');
      const results = await Promise.allSettled(messages.map(async ({ envelope, headers }) => {
        const message = { exchange, routingKey: envelope.subject, messageId: envelope.id, headers: { ...headers } };
        const body = Buffer.from(JSON.stringify(envelope));
        await (expectsConsumers(envelope.subject) ? sendRouted(message, body) : send(message, body));
        options.metrics?.published.inc({ subject: envelope.subject });
      }));
      throwUnlessAll(messages, results);
    },

    async publishRaw(subject: string, body: string, headers: Headers = {}): Promise<void> {
      if (closed) throw new Error('bus is closed');
      await sendRouted({ exchange, routingKey: subject, messageId: randomUUID(), headers: { ...headers } }, Buffer.from(body));
    },

    subscribe,
    declare,

    deadLetters: {
      async list() {
        const letters: DeadLetter[] = [];
        for (const source of await indexedQueues()) {
          if (!(await queueExists(names.dlq(source)))) continue;
          // Read without ack, then close the channel: the letters go back to their queue.
          const messages = await withChannel((channel) => drainQueue(channel, names.dlq(source)));
          letters.push(...messages.map((message) => toLetter(source, message)));
        }
        return letters;
      },
      replay(refs?: string[]) {
        // Straight back to that one source queue (default exchange), as a fresh first attempt.
        return settleLetters(refs, (source, message) => send({
          exchange: '', routingKey: source, messageId: message.messageId, headers: carried(stringHeaders(message.headers)),
        }, bodyBuffer(message.body)));
      },
      drop(refs?: string[]) {
        return settleLetters(refs, async () => undefined);
      },
    },

    isConnected: () => !closed && connection.ready && publishing.ready,

    async removeGroup(group: string, subject: string): Promise<void> {
      const queue = names.queue(group, subject);
      await connection.queueDelete({ queue });
      await connection.queueDelete({ queue: names.dlq(queue) });
    },

    async destroy(): Promise<void> {
      for (const queue of await indexedQueues().catch(() => [])) {
        await connection.queueDelete({ queue });
        await connection.queueDelete({ queue: names.dlq(queue) });
      }
      for (const level of levels) await connection.queueDelete({ queue: names.delayQueue(level) });
      await connection.queueDelete({ queue: names.index });
      for (const { exchange: name } of exchanges) await connection.exchangeDelete({ exchange: name });
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...consumers].map((consumer) => consumer.close()));
      await publisher.close().catch(() => undefined);
      await Promise.allSettled([connection.close(), publishing.close()]);
    },
  };
}
