import { describe, expect, it } from 'vitest';
import { formatMoment, formatMoney } from '../lib/format';
import { holdWords } from '../lib/hold-words';
import { saleWords } from '../lib/sale-state';
import { accountWords, moneyWaitsForOnboarding } from '../lib/payout-account';
import { onboardingReturn, onboardingTarget } from '../lib/onboarding';
import { moneyTimeline } from '../lib/money-timeline';
import type { Sale } from '../lib/types';

const UTC = 'UTC';

function sale(overrides: Partial<Sale>): Sale {
  return {
    orderId: 'o1', ticketId: 't1', eventId: 'e1', gross: 100, fee: 5, net: 95, currency: 'usd', state: 'held',
    payableAt: '2026-12-03T20:00:00.000Z', transferredAt: null, refundedAt: null, reversedAt: null, debt: 0,
    why: 'Held until 2026-12-03T20:00:00.000Z (after the event)', timeline: [], ...overrides,
  };
}

describe('money and moments in words', () => {
  it('formats amounts in the charge currency, any case, and survives a code Intl does not know', () => {
    expect(formatMoney(12.5, 'usd')).toBe('$12.50');
    expect(formatMoney(12.5, 'EUR')).toBe('€12.50');
    expect(formatMoney(0, 'usd')).toBe('$0.00');
    expect(formatMoney(3, 'not a code')).toBe('3.00 NOT A CODE');
  });
  it('says when in day month year, 24-hour, naming the zone', () => {
    expect(formatMoment('2026-12-03T20:00:00Z', UTC)).toBe('3 Dec 2026, 20:00 UTC');
    expect(formatMoment('2026-12-03T00:05:00Z', 'Europe/Amsterdam')).toBe('3 Dec 2026, 01:05 CET');
    expect(formatMoment('not a date', UTC)).toBe('not a date');
  });
});

describe('the hold in words', () => {
  it('uses the largest unit that divides the hold exactly', () => {
    expect(holdWords(48 * 3600_000, 'event')).toBe('48 hours after the event');
    expect(holdWords(3600_000, 'sale')).toBe('1 hour after the sale');
    expect(holdWords(90 * 60_000, 'event')).toBe('90 minutes after the event');
    expect(holdWords(18_000, 'event')).toBe('18 seconds after the event');
    expect(holdWords(1_500, 'event')).toBe('2 seconds after the event');
  });
  it('a hold of nothing is the start itself', () => {
    expect(holdWords(0, 'event')).toBe('when the event starts');
    expect(holdWords(Number.NaN, 'sale')).toBe('right after the sale');
  });
});

describe('a sale in words', () => {
  const event = { startsAt: '2026-12-01T20:00:00.000Z', status: 'scheduled' as const };

  it('held: until when, and how long after the event (or the sale)', () => {
    expect(saleWords(sale({}), 'none', event, UTC)).toEqual({
      label: 'Held', tone: 'pending', detail: 'Held until 3 Dec 2026, 20:00 UTC — 48 hours after the event',
    });
    const noEvent = sale({ eventId: null, timeline: [{ state: 'charged', at: '2026-12-03T19:00:00.000Z', why: 'paid' }] });
    expect(saleWords(noEvent, 'none', undefined, UTC).detail).toBe('Held until 3 Dec 2026, 20:00 UTC — 1 hour after the sale');
    // The catalog did not answer: still true, just less precise.
    expect(saleWords(sale({}), 'enabled', undefined, UTC).detail).toBe('Held until 3 Dec 2026, 20:00 UTC — after the event');
  });
  it('held for a cancelled event: the buyer is being refunded, whichever source says so', () => {
    const expected = 'Held — event cancelled: the buyer is being refunded';
    expect(saleWords(sale({}), 'none', { ...event, status: 'cancelled' }, UTC).detail).toBe(expected);
    expect(saleWords(sale({ why: 'The event was cancelled: the buyer is refunded' }), 'none', undefined, UTC).detail).toBe(expected);
  });
  it('payable: waits for the seller to finish onboarding, or is on its way', () => {
    expect(saleWords(sale({ state: 'payable' }), 'pending', event, UTC).detail).toBe('Ready to be paid — finish setting up payouts to be paid');
    expect(saleWords(sale({ state: 'payable' }), 'none', event, UTC).detail).toBe('Ready to be paid — finish setting up payouts to be paid');
    expect(saleWords(sale({ state: 'payable' }), 'enabled', event, UTC).detail).toBe('Being paid out now');
  });
  it('transferred: paid out on the day, and says so when a refund is being taken back', () => {
    const paid = sale({ state: 'transferred', transferredAt: '2026-12-03T20:00:05Z' });
    expect(saleWords(paid, 'enabled', event, UTC)).toMatchObject({ label: 'Paid out', tone: 'ok', detail: 'Paid out on 3 Dec 2026, 20:00 UTC' });
    expect(saleWords({ ...paid, refundedAt: '2026-12-04T10:00:00Z' }, 'enabled', event, UTC).detail)
      .toBe('Paid out on 3 Dec 2026, 20:00 UTC — the buyer was refunded since: taking it back');
  });
  it('refunded before any transfer: to the buyer, saying when the event was cancelled', () => {
    const refunded = sale({ state: 'refunded', refundedAt: '2026-12-02T09:30:00Z', why: 'Refunded to the buyer before any payout' });
    expect(saleWords(refunded, 'none', event, UTC)).toMatchObject({
      label: 'Refunded', tone: 'muted', detail: 'Refunded to the buyer on 2 Dec 2026, 09:30 UTC',
    });
    const byTimeline = { ...refunded, timeline: [{ state: 'held', at: '2026-12-02T09:00:00Z', why: 'The event was cancelled: nothing is paid out' }] };
    expect(saleWords(byTimeline, 'none', undefined, UTC).detail).toBe('Refunded to the buyer on 2 Dec 2026, 09:30 UTC — event cancelled');
    expect(saleWords(refunded, 'none', { ...event, status: 'cancelled' }, UTC).detail)
      .toBe('Refunded to the buyer on 2 Dec 2026, 09:30 UTC — event cancelled');
  });
  it('reversed: taken back because the buyer was refunded, and any debt owed', () => {
    const reversed = sale({ state: 'reversed', reversedAt: '2026-12-05T10:00:00Z' });
    expect(saleWords(reversed, 'enabled', event, UTC)).toMatchObject({ detail: 'Reversed on 5 Dec 2026, 10:00 UTC — the buyer was refunded', owed: undefined });
    expect(saleWords({ ...reversed, debt: 95 }, 'enabled', event, UTC)).toMatchObject({ owed: 'You owe $95.00' });
  });
});

describe('the payout account', () => {
  it('offers setting up until payouts are enabled', () => {
    expect(accountWords('enabled')).toEqual({ text: 'Payouts are set up', canSetUp: false });
    expect(accountWords('pending').canSetUp).toBe(true);
    expect(accountWords('none').canSetUp).toBe(true);
  });
  it('warns only when payable money waits for an account that is not enabled', () => {
    const totals = { held: 0, payable: 10, transferred: 0, debt: 0, currency: 'usd' };
    expect(moneyWaitsForOnboarding({ account: { status: 'pending' }, totals })).toBe(true);
    expect(moneyWaitsForOnboarding({ account: { status: 'none' }, totals })).toBe(true);
    expect(moneyWaitsForOnboarding({ account: { status: 'enabled' }, totals })).toBe(false);
    expect(moneyWaitsForOnboarding({ account: { status: 'none' }, totals: { ...totals, payable: 0, held: 50 } })).toBe(false);
  });
});

describe('onboarding', () => {
  it('knows the two ways back from the hosted form', () => {
    expect(onboardingReturn('return')).toBe('return');
    expect(onboardingReturn(['refresh', 'return'])).toBe('refresh');
    expect(onboardingReturn('other')).toBeUndefined();
    expect(onboardingReturn(undefined)).toBeUndefined();
  });
  it('follows only absolute http(s) links', () => {
    expect(onboardingTarget('http://127.0.0.1:12111/connect/onboarding/abc')).toBe('http://127.0.0.1:12111/connect/onboarding/abc');
    expect(onboardingTarget('https://connect.stripe.com/setup/e/acct_1/abc')).toBe('https://connect.stripe.com/setup/e/acct_1/abc');
    expect(onboardingTarget('javascript:alert(1)')).toBeUndefined();
    expect(onboardingTarget('/payouts')).toBeUndefined();
    expect(onboardingTarget(42)).toBeUndefined();
    expect(onboardingTarget(undefined)).toBeUndefined();
  });
});

describe("the buyer's money timeline", () => {
  const money = (timeline: { state: string; at: string; why?: string }[]) => ({ gross: 42.5, currency: 'usd', timeline });
  const texts = (lines: { text: string }[]) => lines.map((line) => line.text);

  it('charged, held, released', () => {
    expect(texts(moneyTimeline(money([
      { state: 'charged', at: '2026-12-01T20:00:00Z', why: 'The buyer paid; the platform holds the money' },
      { state: 'held', at: '2026-12-01T20:00:00Z' },
      { state: 'released', at: '2026-12-03T20:00:00Z', why: 'Paid out to the seller after the event' },
    ]), { timeZone: UTC }))).toEqual([
      'Charged $42.50 on 1 Dec 2026, 20:00 UTC',
      'Held by the marketplace until the event is over',
      'Released to the seller on 3 Dec 2026, 20:00 UTC',
    ]);
  });
  it('opens with the charge when the service books it as the hold, keeps time order, and one hold', () => {
    expect(texts(moneyTimeline(money([
      { state: 'refunded', at: '2026-12-02T08:00:00Z', why: 'Refunded to the buyer before any payout' },
      { state: 'held', at: '2026-12-01T20:00:00Z' },
      { state: 'held', at: '2026-12-01T21:00:00Z', why: 'The event moved' },
    ]), { eventCancelled: true, timeZone: UTC }))).toEqual([
      'Charged $42.50 on 1 Dec 2026, 20:00 UTC',
      'Held by the marketplace until the event is over',
      'Refunded on 2 Dec 2026, 08:00 UTC — event cancelled',
    ]);
  });
  it('a refund after release, and a state it does not know, still read as sentences', () => {
    const lines = texts(moneyTimeline(money([
      { state: 'held', at: '2026-12-01T20:00:00Z' },
      { state: 'transferred', at: '2026-12-03T20:00:00Z' },
      { state: 'refunded', at: '2026-12-04T10:00:00Z' },
      { state: 'reversed', at: '2026-12-04T10:00:01Z' },
      { state: 'under-review', at: '2026-12-04T11:00:00Z' },
    ]), { timeZone: UTC }));
    expect(lines.slice(2)).toEqual([
      'Released to the seller on 3 Dec 2026, 20:00 UTC',
      'Refunded on 4 Dec 2026, 10:00 UTC',
      'Taken back from the seller on 4 Dec 2026, 10:00 UTC',
      'Under review on 4 Dec 2026, 11:00 UTC',
    ]);
  });
  it('an empty timeline is no lines', () => {
    expect(moneyTimeline(money([]), { timeZone: UTC })).toEqual([]);
  });
});
