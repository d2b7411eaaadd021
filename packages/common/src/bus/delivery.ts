// What every adapter does with one delivered message: decode and validate, run the handler inside
// its trace context (with a timeout), and decide ack / wait / retry / dead-letter (events.md,
// "waiting is not failing"). Adapters only map the outcome onto their transport, so the three
// behave the same.
import { decodeEnvelope, InvalidMessageError } from '../events/contracts';
import type { Logger } from '../logger';
import type { BusMetrics } from '../metrics';
import { withMessageSpan } from '../tracing';
import { HandlerTimeout, isPermanent, isWaiting } from './handler-errors';
import { retryDelayMs, type Handler, type Headers, type RetryPolicy } from './port';

export type Outcome =
  | { kind: 'ack' }
  /** Not done yet: deliver again after delayMs. `waiting` ones carry when the wait began. */
  | { kind: 'retry'; delayMs: number; error: string; waiting: boolean; failures: number; waitingSince?: string }
  | { kind: 'dead'; error: string };

export interface Delivery {
  group: string;
  subject: string;
  body: string | Uint8Array;
  headers: Headers;
  /** Deliveries so far, this one included. */
  attempt: number;
  /** Unexpected failures before this delivery (broker redeliveries after a crash included). */
  failures: number;
  /** ISO time the message began waiting, when its last outcome was a wait. */
  waitingSince?: string;
}

export interface DeliveryContext {
  policy: RetryPolicy;
  metrics?: BusMetrics;
  logger?: Logger;
}

/** Waits older than this are logged at warn on every retry (at most one line a minute at the cap). */
const LONG_WAIT_MS = 60_000;

export async function handleDelivery(delivery: Delivery, handler: Handler, { policy, metrics, logger }: DeliveryContext): Promise<Outcome> {
  const labels = { group: delivery.group, subject: delivery.subject };
  let envelope;
  try {
    envelope = decodeEnvelope(delivery.body);
  } catch (error) {
    metrics?.deadLettered.inc(labels);
    return { kind: 'dead', error: errorText(error) };
  }
  const waitKey = `${delivery.group}|${delivery.subject}|${envelope.id}`;
  try {
    await withTimeout(policy.handlerTimeoutMs ?? 30_000, () => withMessageSpan(`${delivery.group} ${delivery.subject}`, delivery.headers, () =>
      handler({ envelope, headers: delivery.headers, attempt: delivery.attempt })));
    metrics?.consumed.inc(labels);
    metrics?.waits.settled(waitKey);
    return { kind: 'ack' };
  } catch (error) {
    if (error instanceof InvalidMessageError || isPermanent(error)) {
      metrics?.deadLettered.inc(labels);
      metrics?.waits.settled(waitKey);
      return { kind: 'dead', error: errorText(error) };
    }
    if (isWaiting(error)) {
      const since = delivery.waitingSince && !Number.isNaN(Date.parse(delivery.waitingSince)) ? delivery.waitingSince : new Date().toISOString();
      const waitedMs = Date.now() - Date.parse(since);
      metrics?.waited.inc(labels);
      metrics?.waits.waiting(waitKey, delivery.group, delivery.subject, Date.parse(since));
      const delayMs = retryDelayMs({ ...policy, maxDelayMs: policy.maxWaitDelayMs ?? policy.maxDelayMs }, delivery.attempt);
      if (waitedMs >= LONG_WAIT_MS) {
        logger?.warn({ ...labels, eventId: envelope.id, waitingSeconds: Math.round(waitedMs / 1000), error: errorText(error) }, 'message still waiting');
      }
      return { kind: 'retry', delayMs, error: errorText(error), waiting: true, failures: delivery.failures, waitingSince: since };
    }
    const failures = delivery.failures + 1;
    if (failures >= policy.maxAttempts) {
      metrics?.deadLettered.inc(labels);
      metrics?.waits.settled(waitKey);
      return { kind: 'dead', error: errorText(error) };
    }
    metrics?.retried.inc(labels);
    metrics?.waits.settled(waitKey);
    return { kind: 'retry', delayMs: retryDelayMs(policy, failures), error: errorText(error), waiting: false, failures };
  }
}

/** Rejects with HandlerTimeout after ms; the handler itself runs on (its effect is inbox-protected). */
function withTimeout(ms: number, run: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HandlerTimeout(`handler still running after ${ms} ms`)), ms);
  });
  const running = run();
  running.catch(() => undefined); // a late failure after the timeout is not unhandled
  return Promise.race([running, timeout]).finally(() => clearTimeout(timer));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
