// The in-process adapter (embedded mode and fast tests). It keeps the brokers' semantics: one
// queue per (group, subject) that outlives its subscribers, competing subscribers within a group,
// asynchronous delivery, retry with backoff on timers, dead letters. With a journal (embedded
// mode) queues, messages and dead letters also outlive the process, as on a broker: see journal.ts.
import { randomUUID } from 'node:crypto';
import { expectsConsumers } from '../events/subscriptions';
import { handleDelivery, type Outcome } from './delivery';
import { throwUnlessAll } from './publish-results';
import { BusJournal, type JournalRecord, type JournalState } from './journal';
import { lockJournal } from './journal-lock';
import type { Logger } from '../logger';
import type { BusMetrics } from '../metrics';
import {
  defaultRetryPolicy, Unroutable, type DeadLetter, type EventBus, type Handler, type Headers, type OutgoingMessage,
  type RetryPolicy, type SubscribeOptions, type Subscription, type TopologyEntry,
} from './port';

export interface InProcessBusOptions {
  policy?: RetryPolicy;
  metrics?: BusMetrics;
  logger?: Logger;
  /** File of the write-ahead journal; without one, nothing outlives the process (tests). */
  journalPath?: string;
  /** Records appended before the journal rewrites itself to what is live (default 50,000). */
  journalCompactAfter?: number;
}

interface Pending {
  id: string;
  body: string;
  headers: Headers;
  attempt: number;
  failures?: number;
  waitingSince?: string;
}

interface Subscriber {
  handler: Handler;
  concurrency: number;
  inFlight: Set<Promise<void>>;
  closed: boolean;
}

interface GroupQueue {
  group: string;
  subject: string;
  ready: Pending[];
  subscribers: Subscriber[];
  /** Round-robin position, so replicas share the work. */
  next: number;
}

interface StoredLetter extends DeadLetter {
  headers: Headers;
}

export interface InProcessBus extends EventBus {
  readonly kind: 'in-process';
  /** Forgets a group's queue and its dead letters (the CLI's throwaway groups). */
  removeGroup(group: string, subject: string): Promise<void>;
  /** Nothing outlives the process: same as close(). */
  destroy(): Promise<void>;
  /** Messages queued, being handled or waiting to be retried (a clean stop waits for 0). */
  pendingCount(): number;
}

export function createInProcessBus(options: InProcessBusOptions = {}): InProcessBus {
  const policy = options.policy ?? defaultRetryPolicy;
  const queues = new Map<string, Map<string, GroupQueue>>();
  const letters = new Map<string, StoredLetter>();
  const timers = new Set<NodeJS.Timeout>();
  /** Every message not yet settled (queued, in flight or waiting to be retried), for the journal. */
  const live = new Map<string, { queue: GroupQueue; pending: Pending }>();
  let closed = false;

  function queueOf(group: string, subject: string): GroupQueue {
    let groups = queues.get(subject);
    if (!groups) queues.set(subject, (groups = new Map()));
    let queue = groups.get(group);
    if (!queue) {
      groups.set(group, (queue = { group, subject, ready: [], subscribers: [], next: 0 }));
      journal?.append([{ op: 'queue', group, subject }]);
    }
    return queue;
  }

  function liveState(): JournalState {
    return {
      queues: [...queues.values()].flatMap((groups) => [...groups.values()]).map(({ group, subject }) => ({ group, subject })),
      messages: [...live.values()].map(({ queue, pending }) => ({ group: queue.group, subject: queue.subject, ...pending })),
      letters: [...letters.values()].map(({ ref, group, subject, body, headers, error, attempts, deadAt }) => ({ id: ref, group, subject, body, headers, error, attempts, deadAt })),
    };
  }

  let journal: BusJournal | undefined;
  let unlock: (() => void) | undefined;
  if (options.journalPath) {
    // One writer per journal (throws JournalLocked while another live process holds it).
    unlock = lockJournal(options.journalPath);
    const opened = BusJournal.open(options.journalPath, liveState, options.journalCompactAfter);
    // Rebuilt before the journal is set: restoring writes nothing.
    for (const { group, subject } of opened.state.queues) queueOf(group, subject);
    for (const { group, subject, ...pending } of opened.state.messages) enqueue(queueOf(group, subject), pending);
    for (const { id, ...letter } of opened.state.letters) letters.set(id, { ref: id, ...letter });
    journal = opened.journal;
  }

  /** Puts new messages on queues and journals them: publish() resolves only once they are durable. */
  function put(entries: Array<{ queue: GroupQueue; body: string; headers: Headers }>): void {
    const messages = entries.map(({ queue, body, headers }) => ({ queue, pending: { id: randomUUID(), body, headers: { ...headers }, attempt: 1 } }));
    // Live before the append (delivery waits for setImmediate): a compaction it triggers keeps them.
    for (const { queue, pending } of messages) enqueue(queue, pending);
    journal?.append(messages.map(({ queue, pending }) => ({ op: 'enqueue', group: queue.group, subject: queue.subject, ...pending })));
  }

  function settle(id: string, record: JournalRecord): void {
    live.delete(id);
    journal?.append([record]);
  }

  /** A dead letter replayed or dropped: gone from memory and from the journal. */
  function removeLetter(ref: string): void {
    letters.delete(ref);
    journal?.append([{ op: 'settled', id: ref }]);
  }

  function enqueue(queue: GroupQueue, pending: Pending): void {
    live.set(pending.id, { queue, pending });
    queue.ready.push(pending);
    // Never deliver inside publish(): the publisher may still be inside its transaction.
    setImmediate(() => dispatch(queue));
  }

  function dispatch(queue: GroupQueue): void {
    while (!closed && queue.ready.length > 0) {
      const subscriber = pickSubscriber(queue);
      if (!subscriber) return;
      const pending = queue.ready.shift()!;
      const run = deliver(queue, subscriber, pending).finally(() => {
        subscriber.inFlight.delete(run);
        dispatch(queue);
      });
      subscriber.inFlight.add(run);
    }
  }

  function pickSubscriber(queue: GroupQueue): Subscriber | undefined {
    const count = queue.subscribers.length;
    for (let i = 0; i < count; i++) {
      const candidate = queue.subscribers[(queue.next + i) % count];
      if (!candidate.closed && candidate.inFlight.size < candidate.concurrency) {
        queue.next = (queue.next + i + 1) % count;
        return candidate;
      }
    }
    return undefined;
  }

  async function deliver(queue: GroupQueue, subscriber: Subscriber, pending: Pending): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await handleDelivery({
        group: queue.group, subject: queue.subject, body: pending.body, headers: { ...pending.headers },
        attempt: pending.attempt, failures: pending.failures ?? 0, waitingSince: pending.waitingSince,
      }, subscriber.handler, { policy, metrics: options.metrics, logger: options.logger });
    } catch (error) {
      // handleDelivery does not throw; if it ever does, treat it like a failed attempt.
      outcome = { kind: 'retry', delayMs: policy.baseDelayMs, error: String(error), waiting: false, failures: (pending.failures ?? 0) + 1 };
    }
    if (outcome.kind === 'ack') {
      settle(pending.id, { op: 'settled', id: pending.id });
    } else if (outcome.kind === 'retry') {
      options.logger?.debug({ group: queue.group, subject: queue.subject, attempt: pending.attempt, waiting: outcome.waiting, error: outcome.error }, 'retrying message');
      const next = { ...pending, attempt: pending.attempt + 1, failures: outcome.failures, waitingSince: outcome.waitingSince };
      live.set(pending.id, { queue, pending: next }); // the journal may compact before the timer fires
      journal?.append([{ op: 'retry', id: pending.id, attempt: next.attempt, failures: next.failures, waitingSince: next.waitingSince }]);
      const timer = setTimeout(() => {
        timers.delete(timer);
        enqueue(queue, next);
      }, outcome.delayMs);
      timers.add(timer);
    } else {
      options.logger?.warn({ group: queue.group, subject: queue.subject, attempt: pending.attempt, error: outcome.error }, 'message dead-lettered');
      const letter = {
        ref: pending.id, group: queue.group, subject: queue.subject, body: pending.body, headers: pending.headers,
        error: outcome.error, attempts: pending.attempt, deadAt: new Date().toISOString(),
      };
      letters.set(letter.ref, letter);
      settle(pending.id, { op: 'dead', id: pending.id, error: letter.error, attempts: letter.attempts, deadAt: letter.deadAt });
    }
  }

  function routable(subject: string): boolean {
    return (queues.get(subject)?.size ?? 0) > 0 || !expectsConsumers(subject);
  }

  function selected(refs?: string[]): StoredLetter[] {
    if (!refs) return [...letters.values()];
    return refs.map((ref) => letters.get(ref)).filter((letter): letter is StoredLetter => letter !== undefined);
  }

  async function close(): Promise<void> {
    closed = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    const running = [...queues.values()].flatMap((groups) => [...groups.values()])
      .flatMap((queue) => queue.subscribers.flatMap((subscriber) => [...subscriber.inFlight]));
    await Promise.allSettled(running);
    journal?.close();
    journal = undefined;
    unlock?.();
    unlock = undefined;
  }

  return {
    kind: 'in-process',

    pendingCount() {
      let count = timers.size;
      for (const groups of queues.values()) {
        for (const queue of groups.values()) {
          count += queue.ready.length + queue.subscribers.reduce((sum, subscriber) => sum + subscriber.inFlight.size, 0);
        }
      }
      return count;
    },

    async publish(messages: OutgoingMessage[]): Promise<void> {
      if (closed) throw new Error('bus is closed');
      // Like RabbitMQ's mandatory flag: a message no queue would receive is refused, not dropped.
      const results = messages.map(({ envelope }): PromiseSettledResult<void> => (routable(envelope.subject)
        ? { status: 'fulfilled', value: undefined }
        : { status: 'rejected', reason: new Unroutable(`no queue is declared for ${envelope.subject}: declare the topology first`) }));
      const accepted = messages.filter((_, index) => results[index].status === 'fulfilled');
      put(accepted.flatMap(({ envelope, headers }) => {
        const body = JSON.stringify(envelope);
        return [...queues.get(envelope.subject)?.values() ?? []].map((queue) => ({ queue, body, headers }));
      }));
      for (const { envelope } of accepted) options.metrics?.published.inc({ subject: envelope.subject });
      throwUnlessAll(messages, results);
    },

    async publishRaw(subject: string, body: string, headers: Headers = {}): Promise<void> {
      if (closed) throw new Error('bus is closed');
      if (!routable(subject)) throw new Unroutable(`no queue is declared for ${subject}: declare the topology first`);
      put([...queues.get(subject)?.values() ?? []].map((queue) => ({ queue, body, headers })));
    },

    async declare(entries: TopologyEntry[]): Promise<void> {
      if (closed) throw new Error('bus is closed');
      for (const { group, subject } of entries) queueOf(group, subject);
    },

    async subscribe({ group, subject, handler, concurrency = 10 }: SubscribeOptions): Promise<Subscription> {
      if (closed) throw new Error('bus is closed');
      const queue = queueOf(group, subject);
      const subscriber: Subscriber = { handler, concurrency: Math.max(1, concurrency), inFlight: new Set(), closed: false };
      queue.subscribers.push(subscriber);
      setImmediate(() => dispatch(queue));
      return {
        async close() {
          subscriber.closed = true;
          queue.subscribers = queue.subscribers.filter((candidate) => candidate !== subscriber);
          await Promise.allSettled([...subscriber.inFlight]);
        },
      };
    },

    deadLetters: {
      async list() {
        return selected().map(({ headers: _headers, ...letter }) => ({ ...letter }));
      },
      async replay(refs?: string[]) {
        const chosen = selected(refs);
        // Back to that one group only, as a fresh first attempt.
        put(chosen.map((letter) => ({ queue: queueOf(letter.group, letter.subject), body: letter.body, headers: letter.headers })));
        for (const letter of chosen) removeLetter(letter.ref);
        return chosen.length;
      },
      async drop(refs?: string[]) {
        const chosen = selected(refs);
        for (const letter of chosen) removeLetter(letter.ref);
        return chosen.length;
      },
    },

    isConnected: () => !closed,

    async removeGroup(group: string, subject: string): Promise<void> {
      const queue = queues.get(subject)?.get(group);
      queues.get(subject)?.delete(group);
      for (const letter of selected()) if (letter.group === group && letter.subject === subject) letters.delete(letter.ref);
      for (const [id, entry] of live) if (entry.queue === queue) live.delete(id);
      journal?.append([{ op: 'forget', group, subject }]);
    },

    destroy: close,
    close,
  };
}
