// Money (api.md): a JSON number in major units, 0 < price ≤ 1,000,000, at most 2 decimals; numeric
// strings such as "10" are accepted. Stored as integer minor units.
import { z } from 'zod';

export const MAX_PRICE = 1_000_000;
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

export const priceSchema = z.preprocess(
  (value) => (typeof value === 'string' && numericString.test(value) ? Number(value) : value),
  z.number({ error: (issue) => (issue.input === undefined ? 'price is required' : 'Price must be a number') })
    .gt(0, { error: 'Price must be greater than 0' })
    .max(MAX_PRICE, { error: `Price must be at most ${MAX_PRICE}` })
    .refine(hasAtMostTwoDecimals, { error: 'Price must have at most 2 decimals' }),
);
