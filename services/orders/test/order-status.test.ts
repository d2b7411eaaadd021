import { describe, expect, it } from 'vitest';
import { canCancel, canComplete, canExpire, orderStatuses, type OrderStatus } from '../src/domain/order-status';
import { judgeVersion } from '../src/domain/replica-version';

describe('order status rules', () => {
  const table: Array<[OrderStatus, boolean, boolean, boolean]> = [
    // status, canCancel, canExpire, canComplete
    ['created', true, true, true],
    ['awaiting:payment', true, true, true],
    ['complete', false, false, false],
    ['cancelled', false, false, false],
  ];
  it.each(table)('%s: cancel %s, expire %s, complete %s', (status, cancel, expire, complete) => {
    expect(canCancel(status)).toBe(cancel);
    expect(canExpire(status)).toBe(expire);
    expect(canComplete(status)).toBe(complete);
  });
  it('covers every status of api.md', () => {
    expect(table.map(([status]) => status).sort()).toEqual([...orderStatuses].sort());
  });
});

describe('replica version rule', () => {
  it.each([
    [0, 1, 'apply'], [3, 4, 'apply'], [1, 1, 'duplicate'], [4, 2, 'duplicate'], [0, 2, 'too-early'], [1, 5, 'too-early'],
  ] as const)('replica at %i, event v%i → %s', (replica, incoming, verdict) => {
    expect(judgeVersion(replica, incoming)).toBe(verdict);
  });
});
