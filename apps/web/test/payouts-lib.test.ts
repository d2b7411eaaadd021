import { describe, expect, it } from 'vitest';
import { formatMoment, formatMoney } from '../lib/format';
import { reasonText } from '../lib/payout-reason';
import { saleWords } from '../lib/sale-state';
import { accountWords, moneyWaitsForOnboarding } from '../lib/payout-account';
import { onboardingReturn, onboardingTarget } from '../lib/onboarding';
import { moneyTimeline } from '../lib/money-timeline';
import type { Sale } from '../lib/types';

const UTC = 'UTC';

function sale(overrides: Partial<Sale>): Sale {
  return {
    orderId: 'o1', ticketId: 't1', eventId: 'e1', gross: 100, fee: 5, net: 95, currency: 'usd', state: 'held',
    payableAt: '2026-12-03T20:00:00.000Z', transferredAt: null, refundedAt: null, reversedAt: null, debt: 0, why: null,
    timeline: [], ...overrides,
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

describe('reasons', () => {
  it('reads known codes in words, other codes with spaces, and phrases as written', () => {
    expect(reasonText('event-cancelled')).toBe('event cancelled');
    expect(reasonText('buyer-refunded')).toBe('the buyer was refunded');
    expect(reasonText('seller_on_holiday')).toBe('seller on holiday');
    expect(reasonText('48 hours after the event.')).toBe('48 hours after the event');
    expect(reasonText('  ')).toBeUndefined();
    expect(reasonText(null)).toBeUndefined();
  });
});

describe('a sale in words', () => {
  it('held: until when, and why', () => {
    expect(saleWords(sale({ why: '48 hours after the event' }), 'none', UTC)).toEqual({
      label: 'Held', tone: 'pending', detail: 'Held until 3 Dec 2026, 20:00 UTC — 48 hours after the event', owed: undefined,
    });
    expect(saleWords(sale({}), 'enabled', UTC).detail).toBe('Held until 3 Dec 2026, 20:00 UTC');
  });
  it('payable: waits for the seller to finish onboarding, or is on its way', () => {
    expect(saleWords(sale({ state: 'payable' }), 'pending', UTC).detail).toBe('Ready to be paid — finish setting up payouts to be paid');
    expect(saleWords(sale({ state: 'payable' }), 'none', UTC).detail).toBe('Ready to be paid — finish setting up payouts to be paid');
    expect(saleWords(sale({ state: 'payable', why: 'provider-unavailable' }), 'enabled', UTC).detail)
      .toBe('Being paid out now — the payment provider is unavailable; trying again');
  });
  it('transferred: paid out on the day', () => {
    const words = saleWords(sale({ state: 'transferred', transferredAt: '2026-12-03T20:00:05Z' }), 'enabled', UTC);
    expect(words).toMatchObject({ label: 'Paid out', tone: 'ok', detail: 'Paid out on 3 Dec 2026, 20:00 UTC' });
  });
  it('refunded before any transfer: to the buyer, with the reason', () => {
    const words = saleWords(sale({ state: 'refunded', refundedAt: '2026-12-02T09:30:00Z', why: 'event-cancelled' }), 'none', UTC);
    expect(words).toMatchObject({ label: 'Refunded', tone: 'muted', detail: 'Refunded to the buyer on 2 Dec 2026, 09:30 UTC — event cancelled' });
  });
  it('reversed: taken back because the buyer was refunded, and any debt owed', () => {
    const reversed = sale({ state: 'reversed', reversedAt: '2026-12-05T10:00:00Z' });
    expect(saleWords(reversed, 'enabled', UTC)).toMatchObject({ detail: 'Reversed on 5 Dec 2026, 10:00 UTC — the buyer was refunded', owed: undefined });
    expect(saleWords({ ...reversed, debt: 95, why: 'balance-insufficient' }, 'enabled', UTC)).toMatchObject({
      detail: 'Reversed on 5 Dec 2026, 10:00 UTC — your balance could not cover the reversal', owed: 'You owe $95.00',
    });
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
    expect(onboardingTarget('http://127.0.0.1:12111/connect/onboarding/acctlink_1')).toBe('http://127.0.0.1:12111/connect/onboarding/acctlink_1');
    expect(onboardingTarget('https://connect.stripe.com/setup/e/acct_1/abc')).toBe('https://connect.stripe.com/setup/e/acct_1/abc');
    expect(onboardingTarget('javascript:alert(1)')).toBeUndefined();
    expect(onboardingTarget('/payouts')).toBeUndefined();
    expect(onboardingTarget(42)).toBeUndefined();
    expect(onboardingTarget(undefined)).toBeUndefined();
  });
});

describe("the buyer's money timeline", () => {
  const money = (timeline: { state: string; at: string; why?: string }[]) => ({ gross: 42.5, currency: 'usd', timeline });

  it('charged, held, released', () => {
    const lines = moneyTimeline(money([
      { state: 'charged', at: '2026-12-01T20:00:00Z' },
      { state: 'held', at: '2026-12-01T20:00:00Z' },
      { state: 'transferred', at: '2026-12-03T20:00:00Z' },
    ]), UTC).map((line) => line.text);
    expect(lines).toEqual([
      'Charged $42.50 on 1 Dec 2026, 20:00 UTC',
      'Held by the marketplace until the event is over',
      'Released to the seller on 3 Dec 2026, 20:00 UTC',
    ]);
  });
  it('opens with the charge when the service books it as the hold, and keeps time order', () => {
    const lines = moneyTimeline(money([
      { state: 'refunded', at: '2026-12-02T08:00:00Z', why: 'event-cancelled' },
      { state: 'held', at: '2026-12-01T20:00:00Z' },
    ]), UTC).map((line) => line.text);
    expect(lines).toEqual([
      'Charged $42.50 on 1 Dec 2026, 20:00 UTC',
      'Held by the marketplace until the event is over',
      'Refunded on 2 Dec 2026, 08:00 UTC — event cancelled',
    ]);
  });
  it('a refund after release, and a state it does not know, still read as sentences', () => {
    const lines = moneyTimeline(money([
      { state: 'held', at: '2026-12-01T20:00:00Z' },
      { state: 'released', at: '2026-12-03T20:00:00Z' },
      { state: 'refunded', at: '2026-12-04T10:00:00Z' },
      { state: 'reversed', at: '2026-12-04T10:00:01Z' },
      { state: 'under-review', at: '2026-12-04T11:00:00Z' },
    ]), UTC).map((line) => line.text);
    expect(lines.slice(2)).toEqual([
      'Released to the seller on 3 Dec 2026, 20:00 UTC',
      'Refunded on 4 Dec 2026, 10:00 UTC',
      'Taken back from the seller on 4 Dec 2026, 10:00 UTC',
      'Under review on 4 Dec 2026, 11:00 UTC',
    ]);
  });
  it('an empty timeline is no lines', () => {
    expect(moneyTimeline(money([]), UTC)).toEqual([]);
  });
});
