// A sale's states (docs/payouts.md): held (charged, before its payable time) → payable (time is
// up; waiting for onboarding or the provider) → transferred → reversed (refunded after the
// transfer) — or refunded (refunded before any transfer: nothing is paid out).
export type SaleState = 'held' | 'payable' | 'transferred' | 'reversed' | 'refunded';

/** A refund that arrives in these states gives the money back before anything was paid out. */
export function isBeforeTransfer(state: SaleState): boolean {
  return state === 'held' || state === 'payable';
}

/**
 * When a sale becomes payable: its event's start plus the hold, or (no event) the sale time plus
 * the hold. Hours may be fractional (tests use seconds' worth).
 */
export function payableAt(input: { soldAt: Date; eventStartsAt?: Date | null; holdHours: number }): Date {
  const from = input.eventStartsAt ?? input.soldAt;
  return new Date(from.getTime() + Math.round(input.holdHours * 3_600_000));
}

/** Why each step happened, in the API's timeline (API clients show them; the web client words each state itself). */
export const why = {
  charged: 'The buyer paid; the platform holds the money',
  held: (payableAt: Date) => `Held until ${payableAt.toISOString()} (after the event)`,
  retimed: (payableAt: Date) => `The event moved: held until ${payableAt.toISOString()}`,
  eventCancelled: 'The event was cancelled: the buyer is refunded and nothing is paid out',
  payableNotOnboarded: 'Finish setting up payouts to be paid',
  payable: 'Released: paying out to the seller',
  transferred: 'Paid out to the seller',
  refunded: 'Refunded to the buyer before any payout: nothing is paid out',
  refundedAfterTransfer: 'Refunded to the buyer after the payout: taking it back from the seller',
  reversed: 'The payout was taken back from the seller',
  debt: 'The payout could not be taken back (the seller\'s balance is too low): the seller owes it',
} as const;
