// What an endpoint handler receives: its parameters, the state, the clock, and a way to record
// events. Handlers return the JSON body of a 200, or throw a StripeApiError.
import type { Store } from './store';
import type { FormObject } from '../server/form-params';

export interface EventSource {
  requestId: string;
  idempotencyKey: string | null;
}

export interface HandlerContext {
  params: FormObject;
  /** Path parameters, e.g. `{ id: 'pi_…' }`. */
  path: Record<string, string>;
  store: Store;
  /** Unix seconds, Stripe's unit for `created`. */
  nowSeconds(): number;
  apiVersion: string;
  request: EventSource;
  emit(type: string, object: object): void;
}

export type Handler = (context: HandlerContext) => object;
