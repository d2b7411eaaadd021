// What tests read back: copies of the recorded objects, optionally narrowed to one PaymentIntent
// or to metadata values (so parallel suites sharing one simulator see only their own).
import type Stripe from 'stripe';
import type { Store } from './store';

export interface InspectionFilter {
  payment_intent?: string;
  metadata?: Record<string, string>;
}

interface Inspectable {
  id: string;
  metadata: Stripe.Metadata | null;
  payment_intent?: string | Stripe.PaymentIntent | null;
}

/** Every successful charge, with `amount_refunded` and `refunded` kept current. */
export function successfulCharges(store: Store, filter: InspectionFilter = {}): Stripe.Charge[] {
  return select([...store.charges.values()].filter((charge) => charge.status === 'succeeded'), filter);
}

export function allRefunds(store: Store, filter: InspectionFilter = {}): Stripe.Refund[] {
  return select([...store.refunds.values()], filter);
}

export function allPaymentIntents(store: Store, filter: InspectionFilter = {}): Stripe.PaymentIntent[] {
  return select([...store.paymentIntents.values()], filter, (intent) => intent.id);
}

export function allEvents(store: Store, type?: string): Stripe.Event[] {
  return [...store.events.values()].filter((event) => !type || event.type === type).map((event) => structuredClone(event));
}

function select<T extends Inspectable>(items: T[], filter: InspectionFilter, intentOf = (item: T) => item.payment_intent): T[] {
  return items.filter((item) => matches(item, filter, intentOf(item))).map((item) => structuredClone(item));
}

function matches(item: Inspectable, filter: InspectionFilter, intent: Inspectable['payment_intent']): boolean {
  if (filter.payment_intent && intent !== filter.payment_intent) return false;
  const wanted = Object.entries(filter.metadata ?? {});
  return wanted.every(([key, value]) => item.metadata?.[key] === value);
}
