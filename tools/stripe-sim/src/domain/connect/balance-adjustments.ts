// The sim-only way to move a connected account's balance without an API object: a test "pays the
// seller out to their bank" (debit) so that a later reversal finds too little (balance_insufficient).
import type Stripe from 'stripe';
import { currencyRule } from '../../api/currencies';
import { newId } from '../ids';
import type { Store } from '../store';
import { findAccount } from './accounts';
import { balanceObject, connectedBalance } from './balances';

export interface BalanceChange {
  /** The available balance to end with, in minor units (≥ 0). */
  set?: number;
  /** Taken off the available balance (a payout), in minor units (> 0); it may go below zero, as a real account can. */
  debit?: number;
  /** Default: the account's default currency. */
  currency?: string;
}

export function adjustAccountBalance(store: Store, accountId: string, change: BalanceChange, nowSeconds: number): Stripe.Balance {
  const account = findAccount(store, accountId);
  const currency = (change.currency ?? account.default_currency ?? 'usd').toLowerCase();
  if (!currencyRule(currency)) throw new RangeError(`unsupported currency: ${currency}`);
  if ((change.set === undefined) === (change.debit === undefined)) throw new RangeError('give exactly one of set (the balance to end with) or debit (an amount to take off)');
  const current = connectedBalance(store, account.id).get(currency) ?? 0;
  const checked = (value: number, name: string, min: number) => {
    if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min} (minor units), got ${value}`);
    return value;
  };
  const delta = change.set !== undefined ? checked(change.set, 'set', 0) - current : -checked(change.debit!, 'debit', 1);
  if (delta !== 0) {
    const id = newId('po');
    store.balanceAdjustments.set(id, { id, account: account.id, currency, amount: delta, created: nowSeconds });
  }
  return balanceObject(connectedBalance(store, account.id), false);
}
