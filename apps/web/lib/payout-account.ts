import type { Payouts, PayoutAccountStatus } from './types';

/** The seller's account in words, and whether the "Set up payouts" button is offered. */
export function accountWords(status: PayoutAccountStatus): { text: string; canSetUp: boolean } {
  switch (status) {
    case 'enabled':
      return { text: 'Payouts are set up', canSetUp: false };
    case 'pending':
      return { text: 'Payouts are not finished setting up: your details are incomplete or still being checked', canSetUp: true };
    default:
      return { text: 'Payouts are not set up yet: set them up to be paid for what you sell', canSetUp: true };
  }
}

/** Money is waiting for the seller and only their onboarding holds it back. */
export function moneyWaitsForOnboarding(payouts: Pick<Payouts, 'account' | 'totals'>): boolean {
  return payouts.totals.payable > 0 && payouts.account.status !== 'enabled';
}
