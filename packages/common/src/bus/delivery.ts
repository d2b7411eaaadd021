// What every adapter does with one delivered message: decode and validate, run the handler inside
// its trace context, and decide ack / retry later / dead-letter. Adapters only map the outcome
// onto their transport, so the three behave the same.
import { decodeEnvelope, InvalidMessageError } from '../events/contracts';
import type { BusMetrics } from '../metrics';
import { withMessageSpan } from '../tracing';
import { retryDelayMs, type Handler, type Headers, type RetryPolicy } from './port';

export type Outcome =
  | { kind: 'ack' }
  | { kind: 'retry'; delayMs: number; error: string }
  | { kind: 'dead'; error: string };

export interface Delivery {
  group: string;
  subject: string;
  body: string | Uint8Array;
  headers: Headers;
  attempt: number;
}

export async function handleDelivery(
  delivery: Delivery, handler: Handler, policy: RetryPolicy, metrics?: BusMetrics,
): Promise<Outcome> {
  const labels = { group: delivery.group, subject: delivery.subject };
  let envelope;
  try {
    envelope = decodeEnvelope(delivery.body);
  } catch (error) {
    metrics?.deadLettered.inc(labels);
    return { kind: 'dead', error: errorText(error) };
  }
  try {
    await withMessageSpan(`${delivery.group} ${delivery.subject}`, delivery.headers, () =>
      handler({ envelope, headers: delivery.headers, attempt: delivery.attempt }));
    metrics?.consumed.inc(labels);
    return { kind: 'ack' };
  } catch (error) {
    if (error instanceof InvalidMessageError || delivery.attempt >= policy.maxAttempts) {
      metrics?.deadLettered.inc(labels);
      return { kind: 'dead', error: errorText(error) };
    }
    metrics?.retried.inc(labels);
    return { kind: 'retry', delayMs: retryDelayMs(policy, delivery.attempt), error: errorText(error) };
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
