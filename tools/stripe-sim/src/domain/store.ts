// The simulator's whole state, in memory: one Stripe account shared by every test-mode key.
import type Stripe from 'stripe';
import type { TestCard } from './test-cards';

export interface SimPaymentMethod {
  object: Stripe.PaymentMethod;
  card: TestCard;
}

export class Store {
  readonly paymentIntents = new Map<string, Stripe.PaymentIntent>();
  readonly charges = new Map<string, Stripe.Charge>();
  readonly refunds = new Map<string, Stripe.Refund>();
  readonly paymentMethods = new Map<string, SimPaymentMethod>();
  readonly events = new Map<string, Stripe.Event>();

  clear(): void {
    this.paymentIntents.clear();
    this.charges.clear();
    this.refunds.clear();
    this.paymentMethods.clear();
    this.events.clear();
  }
}
