// What an endpoint handler receives: its parameters, the state, the clock, and a way to record
// events. Handlers return the JSON body of a 200, or throw a StripeApiError.
import type { Store } from './store';
import type { FormObject } from '../server/form-params';

export interface EventSource {
  /** Null for a change no API request made (the hosted onboarding form, a `/__sim` control). */
  requestId: string | null;
  idempotencyKey: string | null;
}

export interface EmitOptions {
  /** The connected account the event happened on: it goes to the Connect endpoint with `account`. */
  account?: string;
  /** Stripe's `data.previous_attributes`: the changed fields' old values. */
  previousAttributes?: Record<string, unknown>;
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
  /** The `Stripe-Account` header (acting as a connected account); only the routes that accept it see one. */
  stripeAccount: string | undefined;
  /** Where a browser reaches the simulator, for the hosted pages' urls (Account Links). */
  origin: string;
  emit(type: string, object: object, options?: EmitOptions): void;
}

export type Handler = (context: HandlerContext) => object;
