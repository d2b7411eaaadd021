// GET /v1/balance: the platform's balance, or with `Stripe-Account: acct_…` a connected account's.
// Derived from the objects, never stored. Kept simple: everything is available at once (no pending
// period, no fees): the platform holds succeeded charges − refunds − transfers + reversals; a
// connected account holds transfers in − reversals + the sim-only adjustments (its "payouts").
import type Stripe from 'stripe';
import { rejectUnknown } from '../../api/params';
import type { HandlerContext } from '../context';
import type { Store } from '../store';
import { findAccount } from './accounts';

export type Amounts = Map<string, number>;

export function platformBalance(store: Store): Amounts {
  const amounts: Amounts = new Map();
  for (const charge of store.charges.values()) if (charge.status === 'succeeded') add(amounts, charge.currency, charge.amount);
  for (const refund of store.refunds.values()) if (refund.status === 'succeeded') add(amounts, refund.currency, -refund.amount);
  for (const transfer of store.transfers.values()) add(amounts, transfer.currency, -transfer.amount);
  for (const reversal of store.transferReversals.values()) add(amounts, reversal.currency, reversal.amount);
  return amounts;
}

export function connectedBalance(store: Store, account: string): Amounts {
  const amounts: Amounts = new Map();
  for (const transfer of store.transfers.values()) {
    if (transfer.destination === account) add(amounts, transfer.currency, transfer.amount - transfer.amount_reversed);
  }
  for (const adjustment of store.balanceAdjustments.values()) {
    if (adjustment.account === account) add(amounts, adjustment.currency, adjustment.amount);
  }
  return amounts;
}

export function retrieveBalance(context: HandlerContext): object {
  rejectUnknown(context.params, ['expand']);
  const account = context.stripeAccount;
  if (account === undefined) return balanceObject(platformBalance(context.store), true);
  findAccount(context.store, account);
  return balanceObject(connectedBalance(context.store, account), false);
}

export function balanceObject(amounts: Amounts, platform: boolean): Stripe.Balance {
  const currencies = amounts.size > 0 ? [...amounts.keys()].sort() : ['usd'];
  const entry = (currency: string, amount: number) => ({ amount, currency, source_types: { card: amount } });
  return {
    object: 'balance',
    available: currencies.map((currency) => entry(currency, amounts.get(currency) ?? 0)),
    ...(platform ? { connect_reserved: currencies.map((currency) => ({ amount: 0, currency })) } : {}),
    livemode: false,
    pending: currencies.map((currency) => entry(currency, 0)),
  };
}

function add(amounts: Amounts, currency: string, amount: number): void {
  amounts.set(currency, (amounts.get(currency) ?? 0) + amount);
}
