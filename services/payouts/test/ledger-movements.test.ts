// The fee rule and the ledger's movements: pure functions, every movement sums to zero.
import { describe, expect, it } from 'vitest';
import { payoutsConfigSchema } from '../src/config';
import { feeBasisPoints, splitGross } from '../src/domain/fee';
import { chargeMovement, refundMovement, reversalMovement, transferMovement } from '../src/domain/ledger-movements';
import { payableAt } from '../src/domain/sale-state';

describe('fee', () => {
  it('is the percent of the gross rounded half up, in minor units', () => {
    expect(splitGross(2000, 500)).toEqual({ fee: 100, net: 1900 });
    expect(splitGross(2550, 500)).toEqual({ fee: 128, net: 2422 }); // 127.5 → 128
    expect(splitGross(2549, 500)).toEqual({ fee: 127, net: 2422 }); // 127.45 → 127
    expect(splitGross(1, 500)).toEqual({ fee: 0, net: 1 });
    expect(splitGross(999, feeBasisPoints(2.5))).toEqual({ fee: 25, net: 974 }); // 24.975 → 25
  });

  it('PLATFORM_FEE_PERCENT takes up to two decimals', () => {
    expect(payoutsConfigSchema.parse({ PLATFORM_FEE_PERCENT: '7.25' }).PLATFORM_FEE_PERCENT).toBe(7.25);
    expect(() => payoutsConfigSchema.parse({ PLATFORM_FEE_PERCENT: '7.255' })).toThrow();
    expect(() => payoutsConfigSchema.parse({ PLATFORM_FEE_PERCENT: '101' })).toThrow();
  });
});

describe('ledger movements', () => {
  const sale = { sellerId: 'u1', grossCents: 2550, feeCents: 128, netCents: 2422 };
  it.each([chargeMovement, transferMovement, refundMovement, reversalMovement])('%o sums to zero', (movement) => {
    const { entries } = movement(sale);
    expect(entries.reduce((sum, entry) => sum + entry.amountCents, 0)).toBe(0);
  });

  it('charge, transfer, refund and reversal leave every account at zero', () => {
    const totals = new Map<string, number>();
    for (const movement of [chargeMovement, transferMovement, refundMovement, reversalMovement]) {
      for (const entry of movement(sale).entries) totals.set(entry.account, (totals.get(entry.account) ?? 0) + entry.amountCents);
    }
    expect([...totals.values()].every((total) => total === 0)).toBe(true);
  });

  it('a refund after a transfer leaves the seller owing the net', () => {
    const seller = [chargeMovement, transferMovement, refundMovement].flatMap((movement) => movement(sale).entries)
      .filter((entry) => entry.account === 'seller:u1').reduce((sum, entry) => sum + entry.amountCents, 0);
    expect(seller).toBe(2422);
  });
});

describe('payable time', () => {
  it('is the event start plus the hold, or the sale plus the hold without an event', () => {
    const soldAt = new Date('2030-01-01T10:00:00Z');
    expect(payableAt({ soldAt, eventStartsAt: new Date('2030-02-01T20:00:00Z'), holdHours: 48 }).toISOString()).toBe('2030-02-03T20:00:00.000Z');
    expect(payableAt({ soldAt, holdHours: 1.5 }).toISOString()).toBe('2030-01-01T11:30:00.000Z');
  });
});
