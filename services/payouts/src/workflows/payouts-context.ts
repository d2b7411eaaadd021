// What the workflows share: the rules' settings, the release timers, the clock, and the nudge that
// wakes the payout worker once a transaction that owes a provider call has committed.
import type { Scheduler } from '@ticketing/common';

export interface PayoutsContext {
  holdHours: number;
  /** The platform fee in basis points (5 % → 500). */
  feeBasisPoints: number;
  scheduler: Pick<Scheduler, 'schedule'>;
  now: () => Date;
  /** A transfer or reversal was recorded as owed (payout_jobs). */
  onJobDue: () => void;
}

/** One timer per payable time: a key's first timer stands, so a new time needs a new key. */
export function releaseTimerKey(orderId: string, payableAt: Date): string {
  return `${orderId}@${payableAt.getTime()}`;
}

export function parseReleaseTimerKey(key: string): { orderId: string; payableAtMs: number } | undefined {
  const [orderId, ms] = key.split('@');
  const payableAtMs = Number(ms);
  return orderId && Number.isFinite(payableAtMs) ? { orderId, payableAtMs } : undefined;
}
