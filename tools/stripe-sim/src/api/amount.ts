// Amount and currency of a PaymentIntent, checked the way Stripe checks them (lower-cased
// currency, per-currency minimum, global maximum).
import { invalidParam } from './errors';
import { currencyRule, formatAmount, MAX_AMOUNT, supportedCurrencies } from './currencies';
import { requiredInteger, requiredString } from './params';
import type { FormObject } from '../server/form-params';

export interface Money {
  amount: number;
  currency: string;
}

export function moneyParams(params: FormObject): Money {
  const amount = requiredInteger(params, 'amount');
  const currency = requiredString(params, 'currency').toLowerCase();
  if (!currencyRule(currency)) {
    const list = supportedCurrencies().join(', ');
    throw invalidParam('currency', `Invalid currency: ${currency}. The simulator supports these currencies: ${list}`);
  }
  checkRange(amount, currency);
  return { amount, currency };
}

function checkRange(amount: number, currency: string): void {
  const minimum = currencyRule(currency)?.minimum ?? 50;
  if (amount < minimum) {
    const message = `Amount must be at least ${formatAmount(minimum, currency)} ${currency}`;
    throw invalidParam('amount', message, 'amount_too_small');
  }
  if (amount > MAX_AMOUNT) {
    throw invalidParam('amount', `Amount must be no more than ${formatAmount(MAX_AMOUNT, currency)}`, 'amount_too_large');
  }
}
