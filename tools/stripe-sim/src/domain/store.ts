// The simulator's whole state, in memory: one Stripe account shared by every test-mode key.
// `touched` hears of every object a handler reads or writes (the state file saves those). Events
// and payment methods are capped: nothing needs them for ever, and they grow with every request.
import type Stripe from 'stripe';
import { TrackedMap } from '../persistence/tracked-map';
import type { TestCard } from './test-cards';

export const STORE_KINDS = ['paymentIntents', 'charges', 'refunds', 'paymentMethods', 'events'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];
export const MAX_EVENTS = 20_000;
export const MAX_PAYMENT_METHODS = 20_000;

export interface SimPaymentMethod {
  object: Stripe.PaymentMethod;
  card: TestCard;
}

export class Store {
  readonly paymentIntents: Map<string, Stripe.PaymentIntent>;
  readonly charges: Map<string, Stripe.Charge>;
  readonly refunds: Map<string, Stripe.Refund>;
  readonly paymentMethods: Map<string, SimPaymentMethod>;
  readonly events: Map<string, Stripe.Event>;

  constructor(touched: (kind: StoreKind, id: string) => void = () => undefined) {
    this.paymentIntents = new TrackedMap((id) => touched('paymentIntents', id));
    this.charges = new TrackedMap((id) => touched('charges', id));
    this.refunds = new TrackedMap((id) => touched('refunds', id));
    this.paymentMethods = new TrackedMap((id) => touched('paymentMethods', id), MAX_PAYMENT_METHODS);
    this.events = new TrackedMap((id) => touched('events', id), MAX_EVENTS);
  }

  clear(): void {
    this.paymentIntents.clear();
    this.charges.clear();
    this.refunds.clear();
    this.paymentMethods.clear();
    this.events.clear();
  }
}
