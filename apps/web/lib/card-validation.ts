import type { ApiError } from './types';
import { tokenForCard } from './test-cards';

export interface CardInput {
  cardNumber: string;
  expiry: string;
  cvc: string;
}

export type CardCheck = { ok: true; token: string } | { ok: false; errors: ApiError[] };

/** Checks the card fields before anything is sent; `now` is injectable for tests. */
export function checkCard(input: CardInput, now = new Date()): CardCheck {
  const errors: ApiError[] = [];
  const token = tokenForCard(input.cardNumber);
  if (!token) errors.push({ field: 'cardNumber', message: 'Use one of the test cards listed' });
  const expiryProblem = checkExpiry(input.expiry, now);
  if (expiryProblem) errors.push({ field: 'expiry', message: expiryProblem });
  if (!/^\d{3,4}$/.test(input.cvc.trim())) errors.push({ field: 'cvc', message: 'Enter the 3 or 4 digit CVC' });
  return token && errors.length === 0 ? { ok: true, token } : { ok: false, errors };
}

function checkExpiry(expiry: string, now: Date): string | null {
  // "12/34", "1/34" and a bare "1234" all mean December 2034.
  const match = /^(\d{1,2})\s*\/\s*(\d{2})$/.exec(expiry.trim()) ?? /^(\d{2})(\d{2})$/.exec(expiry.trim());
  const month = match ? Number(match[1]) : 0;
  if (!match || month < 1 || month > 12) return 'Enter the expiry as MM/YY';
  const year = 2000 + Number(match[2]);
  // A card is valid through the last day of its expiry month.
  const endOfMonth = new Date(year, month, 1);
  return endOfMonth <= now ? 'This card has expired' : null;
}
