// Events: every state change is recorded as a Stripe Event (retrievable, inspectable) and handed
// to the webhook dispatcher, which decides whether the endpoint subscribed to its type.
import type Stripe from 'stripe';
import { resourceMissing } from '../api/errors';
import { rejectUnknown } from '../api/params';
import type { EventSource, HandlerContext } from './context';
import { newId } from './ids';
import type { Store } from './store';

export interface EventSink {
  wants(type: string): boolean;
  dispatch(event: Stripe.Event): void;
}

export interface EventRecorderDeps {
  store: Store;
  sink: EventSink;
  apiVersion: string;
  nowSeconds(): number;
}

export function recordEvent(deps: EventRecorderDeps, type: string, object: object, source: EventSource): Stripe.Event {
  const event = {
    id: newId('evt'),
    object: 'event',
    api_version: deps.apiVersion,
    created: deps.nowSeconds(),
    // A snapshot: later changes to the object must not alter an event already sent.
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: deps.sink.wants(type) ? 1 : 0,
    request: { id: source.requestId, idempotency_key: source.idempotencyKey },
    type,
  } as Stripe.Event;
  deps.store.events.set(event.id, event);
  deps.sink.dispatch(event);
  return event;
}

export function retrieveEvent(context: HandlerContext): object {
  rejectUnknown(context.params, []);
  const event = context.store.events.get(context.path.id);
  if (!event) throw resourceMissing(`No such event: '${context.path.id}'`, 'id', 404);
  return structuredClone(event);
}
