// The simulator's whole state, in memory: one Stripe platform account shared by every test-mode
// key, and its Connect accounts (issue 16) with their onboarding links, transfers, reversals and the
// sim-only balance adjustments (a "payout to the seller's bank"). `touched` hears of every object a handler reads or writes (the state file saves those). Events
// and payment methods are capped: nothing needs them for ever, and they grow with every request.
import type Stripe from 'stripe';
import { TrackedMap } from '../persistence/tracked-map';
import type { TestCard } from './test-cards';

export const STORE_KINDS = [
  'paymentIntents', 'charges', 'refunds', 'paymentMethods', 'events',
  'accounts', 'accountLinks', 'transfers', 'transferReversals', 'balanceAdjustments',
] as const;
export type StoreKind = (typeof STORE_KINDS)[number];
export const MAX_EVENTS = 20_000;
export const MAX_PAYMENT_METHODS = 20_000;

export interface SimPaymentMethod {
  object: Stripe.PaymentMethod;
  card: TestCard;
}

/** An Account Link as the simulator keeps it: the hosted page's token and where it sends the browser. */
export interface SimAccountLink {
  token: string;
  account: string;
  type: 'account_onboarding' | 'account_update';
  refresh_url: string;
  return_url: string;
  created: number;
  expires_at: number;
  /** Unix seconds of the form's submission: a link works once. */
  used_at: number | null;
}

/**
 * A change to a connected account's balance that no API object explains: the simulator's stand-in
 * for a payout to the seller's bank (negative) or funds added by a test (positive).
 */
export interface SimBalanceAdjustment {
  id: string;
  account: string;
  currency: string;
  amount: number;
  created: number;
}

export class Store {
  readonly paymentIntents: Map<string, Stripe.PaymentIntent>;
  readonly charges: Map<string, Stripe.Charge>;
  readonly refunds: Map<string, Stripe.Refund>;
  readonly paymentMethods: Map<string, SimPaymentMethod>;
  readonly events: Map<string, Stripe.Event>;
  readonly accounts: Map<string, Stripe.Account>;
  /** By token (the last segment of the link's url). */
  readonly accountLinks: Map<string, SimAccountLink>;
  readonly transfers: Map<string, Stripe.Transfer>;
  readonly transferReversals: Map<string, Stripe.TransferReversal>;
  readonly balanceAdjustments: Map<string, SimBalanceAdjustment>;

  constructor(touched: (kind: StoreKind, id: string) => void = () => undefined) {
    this.paymentIntents = new TrackedMap((id) => touched('paymentIntents', id));
    this.charges = new TrackedMap((id) => touched('charges', id));
    this.refunds = new TrackedMap((id) => touched('refunds', id));
    this.paymentMethods = new TrackedMap((id) => touched('paymentMethods', id), MAX_PAYMENT_METHODS);
    this.events = new TrackedMap((id) => touched('events', id), MAX_EVENTS);
    this.accounts = new TrackedMap((id) => touched('accounts', id));
    this.accountLinks = new TrackedMap((id) => touched('accountLinks', id));
    this.transfers = new TrackedMap((id) => touched('transfers', id));
    this.transferReversals = new TrackedMap((id) => touched('transferReversals', id));
    this.balanceAdjustments = new TrackedMap((id) => touched('balanceAdjustments', id));
  }

  clear(): void {
    this.paymentIntents.clear();
    this.charges.clear();
    this.refunds.clear();
    this.paymentMethods.clear();
    this.events.clear();
    this.accounts.clear();
    this.accountLinks.clear();
    this.transfers.clear();
    this.transferReversals.clear();
    this.balanceAdjustments.clear();
  }
}
