import { describe, expect, it } from 'vitest';
import { nextCursor } from '../lib/link-header';
import { checkCard } from '../lib/card-validation';
import { tokenForCard } from '../lib/test-cards';
import { formatPrice } from '../lib/format';
import { generalErrors, fieldError } from '../lib/errors';
import { newIdempotencyKey } from '../lib/uuid';

describe('nextCursor', () => {
  it('reads the after cursor from a relative next link', () => {
    expect(nextCursor('</api/tickets?after=abc&limit=50>; rel="next"')).toBe('abc');
  });
  it('reads an absolute link among other relations', () => {
    expect(nextCursor('<https://x.dev/api/tickets?after=a%2Fb>; rel="prev", <https://x.dev/api/tickets?after=zz>; rel="next"')).toBe('zz');
  });
  it('is null when there is no next page', () => {
    expect(nextCursor(null)).toBeNull();
    expect(nextCursor('</api/tickets?after=abc>; rel="prev"')).toBeNull();
  });
});

describe('test cards', () => {
  it('maps the listed numbers, with or without spaces, to simulator tokens', () => {
    expect(tokenForCard('4242 4242 4242 4242')).toBe('pm_card_visa');
    expect(tokenForCard('4000000000000002')).toBe('pm_card_chargeDeclined');
    expect(tokenForCard('4000-0000-0000-9995')).toBe('pm_card_chargeDeclinedInsufficientFunds');
    expect(tokenForCard('5555 5555 5555 4444')).toBeNull();
  });
});

describe('checkCard', () => {
  const now = new Date(2026, 10, 25);
  it('accepts a test card with a future expiry and a CVC', () => {
    expect(checkCard({ cardNumber: '4242424242424242', expiry: '12/34', cvc: '123' }, now)).toEqual({ ok: true, token: 'pm_card_visa' });
  });
  it('accepts an expiry in the current month and a bare MMYY', () => {
    expect(checkCard({ cardNumber: '4242424242424242', expiry: '11/26', cvc: '123' }, now).ok).toBe(true);
    expect(checkCard({ cardNumber: '4242424242424242', expiry: '1234', cvc: '1234' }, now).ok).toBe(true);
  });
  it('reports every bad field', () => {
    const result = checkCard({ cardNumber: '1234', expiry: '10/26', cvc: '1' }, now);
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'cardNumber', message: 'Use one of the test cards listed' },
        { field: 'expiry', message: 'This card has expired' },
        { field: 'cvc', message: 'Enter the 3 or 4 digit CVC' },
      ],
    });
  });
  it('rejects an impossible month', () => {
    const result = checkCard({ cardNumber: '4242424242424242', expiry: '13/30', cvc: '123' }, now);
    expect(result.ok).toBe(false);
  });
});

describe('formatting and errors', () => {
  it('formats prices in dollars with cents', () => {
    expect(formatPrice(12.5)).toBe('$12.50');
    expect(formatPrice(1000000)).toBe('$1,000,000.00');
  });
  it('puts errors for fields the form lacks above the button', () => {
    const errors = [{ message: 'Title is required', field: 'title' }, { message: 'Bad id', field: 'ticketId' }, { message: 'Nope' }];
    expect(fieldError(errors, 'title')).toBe('Title is required');
    expect(generalErrors(errors, ['title', 'price']).map((e) => e.message)).toEqual(['Bad id', 'Nope']);
  });
  it('makes v4 idempotency keys', () => {
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
