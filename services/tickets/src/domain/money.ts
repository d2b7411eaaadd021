// Money (api.md): a JSON number in major units, 0.50 ≤ price ≤ 999,999.99, at most 2 decimals;
// numeric strings such as "10" are accepted. Stored as integer minor units. The bounds are what
// Stripe can charge in USD (its minimum charge, its maximum per charge): a ticket listed outside
// them could never be paid for. A face value follows the same rules (it is what a ticket cost).
import { z } from 'zod';

export const MIN_PRICE = 0.5;
export const MAX_PRICE = 999_999.99;
const numericString = /^\s*-?\d+(\.\d+)?\s*$/;

export function toCents(price: number): number {
  return Math.round(price * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}

function hasAtMostTwoDecimals(price: number): boolean {
  const cents = price * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}

/** A money field of the body: `label` names it in messages, `field` when it is missing. */
function moneySchema(label: string, field: string) {
  return z.preprocess(
    (value) => (typeof value === 'string' && numericString.test(value) ? Number(value) : value),
    z.number({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${label} must be a number`) })
      .min(MIN_PRICE, { error: `${label} must be at least 0.50 (the smallest amount a card can be charged)` })
      .max(MAX_PRICE, { error: `${label} must be at most 999,999.99 (the largest amount a card can be charged at once)` })
      .refine(hasAtMostTwoDecimals, { error: `${label} must have at most 2 decimals` }),
  );
}

export const priceSchema = moneySchema('Price', 'price');

/** The ticket's face value (issue 15): the money rules of price, so 0 is refused too. */
export const faceValueSchema = moneySchema('Face value', 'faceValue');
