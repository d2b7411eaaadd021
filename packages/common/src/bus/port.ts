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
  /** 1 on first delivery, incremented on every redelivery. */
  attempt: number;
}

/** Throwing from a handler means "not done": the message is retried with backoff, then dead-lettered. */
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
  /** Resolves once the broker has confirmed every message (publisher confirms / JetStream acks). */
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Sends a raw body to a subject as is (for tests and the CLI: lets a malformed message be sent). */
  publishRaw(subject: string, body: string, headers?: Headers): Promise<void>;
  deadLetters: DeadLetters;
  /** True while connected (used by /readyz). */
  isConnected(): boolean;
  close(): Promise<void>;
}

export interface RetryPolicy {
  /** After this many failed attempts the message is dead-lettered (BUS_MAX_ATTEMPTS, default 10). */
  maxAttempts: number;
  /** Delay before the 2nd attempt; doubles each attempt up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 200, maxDelayMs: 30_000 };

export function retryDelayMs(policy: RetryPolicy, failedAttempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
}
