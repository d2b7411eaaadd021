import { describe, expect, it } from 'vitest';
import {
  canCancel, canComplete, canExpire, canReject, endedByEventCancellation, orderStatuses, reservingStatuses, type OrderStatus,
} from '../src/domain/order-status';
import { judgeVersion } from '../src/domain/replica-version';

describe('order status rules', () => {
  const table: Array<[OrderStatus, boolean, boolean, boolean, boolean, 'cancelled' | 'refunded' | undefined]> = [
    // status, canCancel, canExpire, canComplete, canReject, when its event is cancelled
    ['created', true, true, true, true, 'cancelled'],
    ['awaiting:payment', true, true, true, true, 'cancelled'],
    ['complete', false, false, false, true, 'refunded'],
    ['cancelled', false, false, false, false, undefined],
    ['refunded', false, false, false, false, undefined],
  ];
  it.each(table)('%s: cancel %s, expire %s, complete %s, reject %s, event cancelled → %s', (status, cancel, expire, complete, reject, ended) => {
    expect(canCancel(status)).toBe(cancel);
    expect(canExpire(status)).toBe(expire);
    expect(canComplete(status)).toBe(complete);
    expect(canReject(status)).toBe(reject);
    expect(endedByEventCancellation(status)).toBe(ended);
  });
  it('covers every status of api.md and issue 15', () => {
    expect(table.map(([status]) => status).sort()).toEqual([...orderStatuses].sort());
  });
  it('a refunded order holds no ticket; the seed\'s reserving statuses are unchanged', () => {
    expect([...reservingStatuses].sort()).toEqual(['awaiting:payment', 'complete', 'created']);
  });
});

describe('replica version rule', () => {
  it.each([
    [0, 1, 'apply'], [3, 4, 'apply'], [1, 1, 'duplicate'], [4, 2, 'duplicate'], [0, 2, 'too-early'], [1, 5, 'too-early'],
  ] as const)('replica at %i, event v%i → %s', (replica, incoming, verdict) => {
    expect(judgeVersion(replica, incoming)).toBe(verdict);
  });
});
