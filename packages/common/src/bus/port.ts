// The event bus port. Three adapters implement it with the same semantics (see events.md):
// RabbitMQ (infra default), NATS JetStream (alternative), in-process (embedded mode, fast tests).
import type { Envelope, Subject } from '../events/contracts';

/** Transport headers: W3C trace context (`traceparent`, `tracestate`) and adapter bookkeeping. */
export type Headers = Record<string, string>;

export interface OutgoingMessage {
  envelope: Envelope;
  headers: Headers;
}

export interface IncomingMessage {
  envelope: Envelope;
  headers: Headers;
  /** 1 on first delivery, incremented on every redelivery (waits included). */
  attempt: number;
}

/**
 * Throwing from a handler means "not done". A WaitingError (handler-errors.ts) is retried for as
 * long as it takes; a PermanentError is dead-lettered at once; anything else is retried with
 * backoff and dead-lettered after `maxAttempts` failures.
 */
export type Handler = (message: IncomingMessage) => Promise<void>;

export interface SubscribeOptions {
  group: string;
  subject: Subject;
  handler: Handler;
  /** Messages handled at once by this subscriber (prefetch). Default 10. */
  concurrency?: number;
}

export interface Subscription {
  close(): Promise<void>;
}

/** One queue / durable consumer of the topology: a consumer group's copy of one subject. */
export interface TopologyEntry {
  group: string;
  subject: string;
}

/**
 * Thrown by publish() when some messages were not taken by the broker (e.g. unroutable: no queue
 * would receive them). `confirmed` lists the event ids that were: the outbox marks only those sent.
 */
export class PublishFailed extends Error {
  override name = 'PublishFailed';
  constructor(message: string, readonly confirmed: string[], readonly failures: Array<{ id: string; error: string }>) {
    super(message);
  }
}

/** Thrown for a message that no queue of the topology would receive: it must stay in the outbox. */
export class Unroutable extends Error {
  override name = 'Unroutable';
}

export interface DeadLetter {
  /** Adapter-specific handle used by replay/drop. */
  ref: string;
  group: string;
  subject: string;
  /** The raw body as received (may be invalid JSON: that is why some letters are here). */
  body: string;
  error: string;
  attempts: number;
  deadAt: string;
}

export interface DeadLetters {
  list(): Promise<DeadLetter[]>;
  /** Sends the letters back to their group's consumers; all when refs is omitted. Returns the count. */
  replay(refs?: string[]): Promise<number>;
  /** Deletes the letters; all when refs is omitted. Returns the count. */
  drop(refs?: string[]): Promise<number>;
}

export interface EventBus {
  readonly kind: 'rabbitmq' | 'nats' | 'in-process';
  /**
   * Resolves once the broker has confirmed every message (publisher confirms / JetStream acks).
   * Rejects with PublishFailed (naming what was confirmed) when some were not, e.g. unroutable.
   */
  publish(messages: OutgoingMessage[]): Promise<void>;
  /**
   * Declares queues / durable consumers (idempotent), so events published from now on reach these
   * groups even before they subscribe. Every service declares the contract's whole table at start.
   */
  declare(entries: TopologyEntry[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Sends a raw body to a subject as is (for tests and the CLI: lets a malformed message be sent). */
  publishRaw(subject: string, body: string, headers?: Headers): Promise<void>;
  deadLetters: DeadLetters;
  /** True while connected (used by /readyz). */
  isConnected(): boolean;
  close(): Promise<void>;
}

export interface RetryPolicy {
  /**
   * After this many unexpected failures the message is dead-lettered (BUS_MAX_ATTEMPTS, default
   * 10). Waits do not count; a broker redelivery (the consumer died holding it) does.
   */
  maxAttempts: number;
  /** Delay before the 2nd attempt; doubles each attempt up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Cap of the delay between waits (BUS_RETRY_MAX_DELAY_MS); default maxDelayMs. */
  maxWaitDelayMs?: number;
  /** A handler still running after this long is treated as a wait and retried (BUS_HANDLER_TIMEOUT_MS). Default 30 s. */
  handlerTimeoutMs?: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 200, maxDelayMs: 60_000, maxWaitDelayMs: 60_000, handlerTimeoutMs: 30_000 };

export function retryDelayMs(policy: RetryPolicy, failedAttempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
}
