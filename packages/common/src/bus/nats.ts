// The NATS JetStream adapter (alternative to RabbitMQ, chosen by BUS_URL). Works with server 2.9:
// one filter subject per consumer, no subject transforms.
//
// One stream over the contract's subjects; `ticket:created` → `<prefix>.ticket.created` (a subject
// outside the contract has no stream, so publishing it fails rather than vanishing). Publishing
// sets msgID = event id (the stream drops duplicates within its window) and awaits the PubAck.
// One durable pull consumer per (group, subject), explicit ack; a consumer created for the first
// time receives the stream's history (topology before traffic). A retry is nak'd with its delay;
// the failures and wait start of a message that was not acked are kept in a small stream of
// their own (one record per delivery sequence), so replicas and restarts agree on the count.
// Dead letters are republished to `<prefix>.dlq.<group>` in the stream `<stream>_DLQ` (no age
// limit) with headers naming the source subject, the error and the attempts, then the original is acked.
import { randomUUID } from 'node:crypto';
import {
  AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, StorageType, jetstream, jetstreamManager,
  type JetStreamClient, type JetStreamManager, type JsMsg,
} from '@nats-io/jetstream';
import { connect, headers as natsHeaders, nanos, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../logger';
import type { BusMetrics } from '../metrics';
import { subjects as contractSubjects } from '../events/contracts';
import { handleDelivery, type Outcome } from './delivery';
import { throwUnlessAll } from './publish-results';
import {
  defaultRetryPolicy, type DeadLetter, type EventBus, type Headers, type OutgoingMessage, type RetryPolicy,
  type SubscribeOptions, type Subscription, type TopologyEntry,
} from './port';

export interface NatsBusOptions {
  url: string;
  stream?: string;
  subjectPrefix?: string;
  policy?: RetryPolicy;
  metrics?: BusMetrics;
  logger?: Logger;
  /** A publish without PubAck within this time (e.g. server down) rejects; the outbox relay retries. */
  publishTimeoutMs?: number;
  /** How long the server waits for an ack before redelivering. Default 30 s. */
  ackWaitMs?: number;
  /** Messages older than this leave the stream (limits retention). Default 7 days. Dead letters never age out. */
  maxAgeMs?: number;
}

/** What is remembered of a message that was not acked: read back on its next delivery. */
interface DeliveryRecord {
  /** The delivery count this record was written at. */
  delivery: number;
  failures: number;
  waitingSince?: string;
}

export interface NatsBus extends EventBus {
  readonly kind: 'nats';
  /** Deletes a group's durable consumer for one subject (throwaway groups). */
  removeGroup(group: string, subject: string): Promise<void>;
  /** Deletes the stream (tests). Close subscriptions first. */
  destroy(): Promise<void>;
}

/** Dead-letter headers. */
const H = {
  sourceSubject: 'Ticketing-Source-Subject',
  group: 'Ticketing-Group',
  subject: 'Ticketing-Subject',
  error: 'Ticketing-Error',
  attempts: 'Ticketing-Attempts',
  deadAt: 'Ticketing-Dead-At',
} as const;

/** Group names become subject tokens and consumer names: no dots, wildcards or spaces there. */
function token(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}

function headersOf(hdrs: MsgHdrs | undefined): Headers {
  const out: Headers = {};
  for (const key of hdrs?.keys() ?? []) out[key] = hdrs!.get(key);
  return out;
}

function toHdrs(values: Headers): MsgHdrs {
  const hdrs = natsHeaders();
  // A header value cannot span lines (zod's error texts do).
  for (const [key, value] of Object.entries(values)) hdrs.set(key, value.replace(/[\r\n]+/g, ' ').trim());
  return hdrs;
}

/** Headers that travel with a letter back to its subject on replay: not ours, not JetStream's. */
function carried(values: Headers): Headers {
  const out: Headers = {};
  for (const [key, value] of Object.entries(values)) if (!/^(ticketing-|nats-)/i.test(key)) out[key] = value;
  return out;
}

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

export async function createNatsBus(options: NatsBusOptions): Promise<NatsBus> {
  const stream = options.stream ?? 'TICKETING';
  const prefix = options.subjectPrefix ?? 'ticketing';
  const policy = options.policy ?? defaultRetryPolicy;
  const publishTimeoutMs = options.publishTimeoutMs ?? 15_000;
  const ackWaitMs = options.ackWaitMs ?? 30_000;
  const logger = options.logger;
  const natsSubject = (subject: string) => `${prefix}.${subject.replaceAll(':', '.')}`;
  const dlqSubject = (group: string) => `${prefix}.dlq.${token(group)}`;
  const consumerName = (group: string, subject: string) => `${token(group)}__${token(subject)}`;
  const dlqStream = `${stream}_DLQ`;
  const recordStream = `${stream}_DELIVERIES`;
  const recordSubject = (name: string, seq: number) => `${prefix}_deliveries.${name}.${seq}`;
  const streamSubjects = contractSubjects.map(natsSubject);

  // Reconnect forever: the client buffers while disconnected, requests time out instead of hanging.
  const nc: NatsConnection = await connect({
    servers: options.url, maxReconnectAttempts: -1, reconnectTimeWait: 1_000, name: `ticketing-bus ${stream}`,
  });
  const js: JetStreamClient = jetstream(nc, { timeout: publishTimeoutMs });
  const jsm: JetStreamManager = await jetstreamManager(nc, { timeout: publishTimeoutMs });
  let connected = true;
  let closed = false;
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') { connected = false; logger?.warn('nats disconnected'); }
      if (status.type === 'reconnect') { connected = true; logger?.info('nats reconnected'); }
    }
  })();
  const subscriptions = new Set<Subscription>();

  /** Creates the stream, or brings its subjects up to date with the contract. Returns its old subjects. */
  async function ensureStreamWith(name: string, config: { subjects: string[]; max_age: number; max_msgs_per_subject?: number }): Promise<string[] | undefined> {
    try {
      const info = await jsm.streams.info(name);
      const current = info.config.subjects ?? [];
      if (current.length !== config.subjects.length || current.some((subject) => !config.subjects.includes(subject))) {
        await jsm.streams.update(name, { ...info.config, subjects: config.subjects });
      }
      return current;
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
      // The duplicate window may not exceed max_age (0 = no age limit).
      const window = config.max_age ? Math.min(nanos(120_000), config.max_age) : nanos(120_000);
      await jsm.streams.add({ name, storage: StorageType.File, duplicate_window: window, ...config });
      return undefined;
    }
  }

  async function ensureStreams(): Promise<void> {
    const before = await ensureStreamWith(stream, { subjects: streamSubjects, max_age: nanos(options.maxAgeMs ?? 7 * 24 * 3600_000) });
    await ensureStreamWith(dlqStream, { subjects: [`${prefix}.dlq.>`], max_age: 0 });
    await ensureStreamWith(recordStream, { subjects: [`${prefix}_deliveries.>`], max_age: nanos(7 * 24 * 3600_000), max_msgs_per_subject: 1 });
    if (before?.includes(`${prefix}.>`)) logger?.warn({ stream }, `stream ${stream} no longer covers ${prefix}.> (dead letters live in ${dlqStream} now)`);
  }
  await ensureStreams();

  async function ensureConsumer(name: string, filterSubject: string, concurrency: number): Promise<void> {
    // Each subscriber pulls at most `concurrency` at a time; the group-wide ceiling is higher because
    // messages waiting out a nak delay still count as pending acks and must not stall the group.
    const settings = {
      ack_wait: nanos(ackWaitMs),
      max_ack_pending: Math.max(1_000, concurrency),
      // Unlimited: waiting never ends delivery; our own failure count dead-letters poison.
      max_deliver: -1,
    };
    try {
      const info = await jsm.consumers.info(stream, name);
      if (info.config.max_ack_pending !== settings.max_ack_pending || info.config.max_deliver !== settings.max_deliver
        || info.config.ack_wait !== settings.ack_wait) {
        await jsm.consumers.update(stream, name, settings);
      }
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
      // A group seen for the first time gets the stream's history: events published before its
      // service ever started are not lost (topology before traffic).
      await jsm.consumers.add(stream, {
        ...settings, durable_name: name, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: filterSubject,
      });
    }
  }

  async function publishAcked(subject: string, data: Uint8Array | string, msgID: string | undefined, values: Headers): Promise<void> {
    await js.publish(subject, data, { msgID, headers: toHdrs(values), timeout: publishTimeoutMs });
  }

  async function declare(entries: TopologyEntry[]): Promise<void> {
    if (closed) throw new Error('bus is closed');
    for (const { group, subject } of entries) await ensureConsumer(consumerName(group, subject), natsSubject(subject), 10);
  }

  async function readRecord(name: string, seq: number): Promise<DeliveryRecord | undefined> {
    const stored = await jsm.streams.getMessage(recordStream, { last_by_subj: recordSubject(name, seq) }).catch(() => null);
    if (!stored) return undefined;
    try {
      return JSON.parse(Buffer.from(stored.data).toString('utf8')) as DeliveryRecord;
    } catch {
      return undefined;
    }
  }

  /**
   * Failures so far: the recorded ones, plus one for every earlier delivery that left no record
   * (the consumer died or timed out holding it: a broker redelivery counts as an attempt).
   */
  async function priorOutcome(name: string, message: JsMsg): Promise<{ failures: number; waitingSince?: string }> {
    const delivery = message.info.deliveryCount;
    if (delivery <= 1) return { failures: 0 };
    const record = await readRecord(name, message.seq);
    if (!record) return { failures: delivery - 1 };
    return { failures: record.failures + Math.max(0, delivery - 1 - record.delivery), waitingSince: record.waitingSince };
  }

  async function subscribe({ group, subject, handler, concurrency = 10 }: SubscribeOptions): Promise<Subscription> {
    if (closed) throw new Error('bus is closed');
    const name = consumerName(group, subject);
    const labels = { group, subject };
    const limit = Math.max(1, concurrency);
    await ensureConsumer(name, natsSubject(subject), limit);
    const consumer = await js.consumers.get(stream, name);
    const messages = await consumer.consume({ max_messages: limit });

    async function retryLater(message: JsMsg, outcome: Extract<Outcome, { kind: 'retry' }>): Promise<void> {
      const record: DeliveryRecord = { delivery: message.info.deliveryCount, failures: outcome.failures, waitingSince: outcome.waitingSince };
      try {
        await js.publish(recordSubject(name, message.seq), JSON.stringify(record), { timeout: publishTimeoutMs });
      } catch (error) {
        // Without the record the next delivery counts this one as a failure: safe, just stricter.
        logger?.warn({ ...labels, err: error }, 'could not record a delivery outcome');
      }
      logger?.debug({ ...labels, attempt: record.delivery, delayMs: outcome.delayMs, waiting: outcome.waiting, error: outcome.error }, 'message scheduled for retry');
      message.nak(outcome.delayMs);
    }

    async function process(message: JsMsg): Promise<void> {
      const headers = headersOf(message.headers);
      const attempt = message.info.deliveryCount;
      // Tell the server we are still at it, so a slow handler is not redelivered to a replica meanwhile.
      const working = setInterval(() => message.working(), Math.max(1_000, ackWaitMs / 2));
      let outcome;
      try {
        const prior = await priorOutcome(name, message);
        outcome = await handleDelivery({ group, subject, body: message.data, headers, attempt, ...prior }, handler, { policy, metrics: options.metrics, logger });
      } finally {
        clearInterval(working);
      }
      if (outcome.kind === 'ack') {
        message.ack();
      } else if (outcome.kind === 'retry') {
        await retryLater(message, outcome);
      } else {
        try {
          // Deduped per delivery: dead-lettering the same delivery twice stores one letter.
          await publishAcked(dlqSubject(group), message.data, `dlq:${name}:${message.seq}`, {
            ...carried(headers), [H.sourceSubject]: message.subject, [H.group]: group, [H.subject]: subject,
            [H.error]: outcome.error, [H.attempts]: String(attempt), [H.deadAt]: new Date().toISOString(),
          });
          message.ack();
          logger?.warn({ ...labels, attempt, error: outcome.error }, 'message dead-lettered');
        } catch (error) {
          logger?.warn({ ...labels, err: error }, 'could not dead-letter message; it will be redelivered');
          message.nak(policy.baseDelayMs);
        }
      }
    }

    const inFlight = new Set<Promise<void>>();
    let slotFreed: (() => void) | undefined;
    const loop = (async () => {
      for await (const message of messages) {
        while (inFlight.size >= limit) await new Promise<void>((resolve) => { slotFreed = resolve; });
        const run = process(message)
          .catch((error) => logger?.error({ ...labels, err: error }, 'message handling failed'))
          .finally(() => { inFlight.delete(run); slotFreed?.(); slotFreed = undefined; });
        inFlight.add(run);
      }
    })();
    void (async () => {
      for await (const status of messages.status()) {
        if (status.type === 'heartbeats_missed' || status.type === 'consumer_not_found' || status.type === 'consumer_deleted') {
          logger?.warn({ ...labels, status }, 'nats consumer status');
        }
      }
    })().catch(() => undefined);

    const subscription: Subscription = {
      async close() {
        subscriptions.delete(subscription);
        await messages.close();
        await loop.catch(() => undefined);
        await Promise.allSettled([...inFlight]);
      },
    };
    subscriptions.add(subscription);
    return subscription;
  }

  interface StoredLetter { seq: number; subject: string; headers: Headers; data: Uint8Array }

  async function readLetters(): Promise<StoredLetter[]> {
    // A throwaway consumer over the dlq subjects; the server deletes it if we die before we do.
    const info = await jsm.consumers.add(dlqStream, {
      ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All, filter_subject: `${prefix}.dlq.>`,
      inactive_threshold: nanos(60_000), mem_storage: true,
    });
    try {
      const letters: StoredLetter[] = [];
      let remaining = info.num_pending;
      const reader = await js.consumers.get(dlqStream, info.name);
      while (remaining > 0) {
        const batch = await reader.fetch({ max_messages: Math.min(remaining, 256), expires: 2_000 });
        let received = 0;
        for await (const message of batch) {
          received++;
          remaining = message.info.pending;
          letters.push({ seq: message.seq, subject: message.subject, headers: headersOf(message.headers), data: message.data });
        }
        if (received === 0) break;
      }
      return letters;
    } finally {
      await jsm.consumers.delete(dlqStream, info.name).catch(() => undefined);
    }
  }

  async function chosenLetters(refs?: string[]): Promise<StoredLetter[]> {
    if (!refs) return readLetters();
    const letters: StoredLetter[] = [];
    for (const ref of refs) {
      const seq = Number(ref);
      if (!Number.isSafeInteger(seq) || seq <= 0) continue;
      const stored = await jsm.streams.getMessage(dlqStream, { seq }).catch(() => null);
      // A ref is a stream sequence: never touch a message that is not a dead letter.
      if (!stored || !stored.subject.startsWith(`${prefix}.dlq.`)) continue;
      letters.push({ seq, subject: stored.subject, headers: headersOf(stored.header), data: stored.data });
    }
    return letters;
  }

  return {
    kind: 'nats',

    async publish(messages: OutgoingMessage[]): Promise<void> {
      if (closed) throw new Error('bus is closed');
      const results = await Promise.allSettled(messages.map(async ({ envelope, headers }) => {
        await publishAcked(natsSubject(envelope.subject), JSON.stringify(envelope), envelope.id, headers);
        options.metrics?.published.inc({ subject: envelope.subject });
      }));
      throwUnlessAll(messages, results);
    },

    async publishRaw(subject: string, body: string, headers: Headers = {}): Promise<void> {
      if (closed) throw new Error('bus is closed');
      await publishAcked(natsSubject(subject), body, undefined, headers);
    },

    subscribe,
    declare,

    deadLetters: {
      async list(): Promise<DeadLetter[]> {
        return (await readLetters()).map((letter) => ({
          ref: String(letter.seq),
          group: letter.headers[H.group] ?? letter.subject.slice(`${prefix}.dlq.`.length),
          subject: letter.headers[H.subject] ?? '',
          body: Buffer.from(letter.data).toString('utf8'),
          error: letter.headers[H.error] ?? '',
          attempts: Number(letter.headers[H.attempts] ?? 0),
          deadAt: letter.headers[H.deadAt] ?? '',
        }));
      },
      async replay(refs?: string[]): Promise<number> {
        let count = 0;
        for (const letter of await chosenLetters(refs)) {
          const source = letter.headers[H.sourceSubject];
          if (!source) continue;
          // Back to the original subject: every group subscribed to it sees it again and the other
          // groups' inboxes absorb the duplicate (one filter subject per consumer on 2.9: no per-group route).
          await publishAcked(source, letter.data, randomUUID(), carried(letter.headers));
          await jsm.streams.deleteMessage(dlqStream, letter.seq);
          count++;
        }
        return count;
      },
      async drop(refs?: string[]): Promise<number> {
        let count = 0;
        for (const letter of await chosenLetters(refs)) {
          if (await jsm.streams.deleteMessage(dlqStream, letter.seq)) count++;
        }
        return count;
      },
    },

    isConnected: () => !closed && connected && !nc.isClosed(),

    async removeGroup(group: string, subject: string): Promise<void> {
      try {
        await jsm.consumers.delete(stream, consumerName(group, subject));
      } catch (error) {
        if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
      }
    },

    async destroy(): Promise<void> {
      for (const name of [stream, dlqStream, recordStream]) {
        try {
          await jsm.streams.delete(name);
        } catch (error) {
          if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
        }
      }
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...subscriptions].map((subscription) => subscription.close()));
      await nc.close();
    },
  };
}
