// Events: every state change is recorded as a Stripe Event (retrievable, inspectable) and handed
// to a webhook dispatcher, which decides whether its endpoint subscribed to the type. An event on a
// connected account carries a top-level `account` and goes to the Connect endpoint instead (Stripe's
// "Connect webhooks"), never to the platform's.
import type Stripe from 'stripe';
import { resourceMissing } from '../api/errors';
import { rejectUnknown } from '../api/params';
import type { EmitOptions, EventSource, HandlerContext } from './context';
import { newId } from './ids';
import type { Store } from './store';

export interface EventSink {
  wants(type: string): boolean;
  dispatch(event: Stripe.Event): void;
}

export interface EventRecorderDeps {
  store: Store;
  sink: EventSink;
  /** The Connect endpoint's dispatcher, for events with an `account`. */
  connectSink: EventSink;
  apiVersion: string;
  nowSeconds(): number;
}

export function recordEvent(deps: EventRecorderDeps, type: string, object: object, source: EventSource, options: EmitOptions = {}): Stripe.Event {
  const sink = options.account ? deps.connectSink : deps.sink;
  // A snapshot: later changes to the object must not alter an event already sent.
  const data: Record<string, unknown> = { object: structuredClone(object) };
  if (options.previousAttributes) data.previous_attributes = structuredClone(options.previousAttributes);
  const event = {
    id: newId('evt'),
    object: 'event',
    ...(options.account ? { account: options.account } : {}),
    api_version: deps.apiVersion,
    created: deps.nowSeconds(),
    data,
    livemode: false,
    pending_webhooks: sink.wants(type) ? 1 : 0,
    request: { id: source.requestId, idempotency_key: source.idempotencyKey },
    type,
  } as unknown as Stripe.Event;
  deps.store.events.set(event.id, event);
  sink.dispatch(event);
  return event;
}

export function retrieveEvent(context: HandlerContext): object {
  rejectUnknown(context.params, []);
  const event = context.store.events.get(context.path.id);
  if (!event) throw resourceMissing(`No such event: '${context.path.id}'`, 'id', 404);
  return structuredClone(event);
}
