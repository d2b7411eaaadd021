// Webhook delivery: each subscribed event is POSTed, signed, to the endpoint in the background;
// a non-2xx answer or a network error is retried with exponential backoff, a bounded number of
// times. The API response never waits for it.
import { setTimeout as sleep } from 'node:timers/promises';
import type Stripe from 'stripe';
import type { EventSink } from '../domain/events';
import { signatureHeader } from './signature';

export interface WebhookRetryOptions {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** Per attempt; Stripe gives an endpoint a few seconds. */
  timeoutMs: number;
}

export interface WebhookDispatcherOptions {
  url: string | undefined;
  secret: string;
  /** Event types the endpoint subscribed to; `*` for all. */
  enabledEvents: readonly string[];
  retry: WebhookRetryOptions;
  log(entry: Record<string, unknown>): void;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** HTTP status of the last attempt, or the network error's message. */
  lastResult?: number | string;
}

export class WebhookDispatcher implements EventSink {
  private readonly records: WebhookDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private abort = new AbortController();

  constructor(private readonly options: WebhookDispatcherOptions) {}

  wants(type: string): boolean {
    const { url, enabledEvents } = this.options;
    return Boolean(url) && (enabledEvents.includes('*') || enabledEvents.includes(type));
  }

  dispatch(event: Stripe.Event): void {
    if (!this.wants(event.type)) return;
    const record: WebhookDelivery = { eventId: event.id, type: event.type, status: 'pending', attempts: 0 };
    this.records.push(record);
    // Stripe sends pretty-printed JSON; the signature covers these exact bytes.
    const delivery = this.deliver(record, JSON.stringify(event, null, 2)).finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  deliveries(): WebhookDelivery[] {
    return this.records.map((record) => ({ ...record }));
  }

  /** Resolves once every delivery started so far has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Abandons pending retries; a new controller lets deliveries resume after a restart. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.idle();
    this.abort = new AbortController();
  }

  clear(): void {
    this.records.length = 0;
  }

  private async deliver(record: WebhookDelivery, payload: string): Promise<void> {
    const { retry } = this.options;
    const signal = this.abort.signal;
    for (let attempt = 1; attempt <= retry.maxAttempts && !signal.aborted; attempt++) {
      record.attempts = attempt;
      record.lastResult = await this.post(payload, signal);
      if (typeof record.lastResult === 'number' && record.lastResult >= 200 && record.lastResult < 300) {
        record.status = 'delivered';
        return;
      }
      if (attempt < retry.maxAttempts) await sleep(backoff(retry, attempt), undefined, { signal }).catch(() => undefined);
    }
    record.status = 'failed';
    this.options.log({ level: 'warn', msg: 'webhook delivery failed', event: record.eventId, type: record.type, attempts: record.attempts, lastResult: record.lastResult });
  }

  private async post(payload: string, stopped: AbortSignal): Promise<number | string> {
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      // Signed per attempt, as Stripe does, so a late retry is not outside the receiver's tolerance.
      'Stripe-Signature': signatureHeader(payload, this.options.secret, Math.floor(Date.now() / 1000)),
    };
    const signal = AbortSignal.any([stopped, AbortSignal.timeout(this.options.retry.timeoutMs)]);
    try {
      const response = await fetch(this.options.url!, { method: 'POST', headers, body: payload, signal });
      await response.arrayBuffer();
      return response.status;
    } catch (error) {
      return describeFailure(error);
    }
  }
}

/** fetch reports "fetch failed"; the useful part (ECONNREFUSED, a timeout) is in its cause. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}

function backoff(retry: WebhookRetryOptions, attempt: number): number {
  return Math.min(retry.initialDelayMs * 2 ** (attempt - 1), retry.maxDelayMs);
}
