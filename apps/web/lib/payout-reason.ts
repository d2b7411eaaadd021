/**
 * The payouts service gives each step a short `why`. It may be a phrase ("48 hours after the
 * event") or a code ("event-cancelled"); either way a person reads a phrase. Codes we know get
 * their own words; an unknown code is read with its hyphens as spaces, a phrase as written.
 */
const KNOWN: Record<string, string> = {
  'event-cancelled': 'event cancelled',
  'buyer-refunded': 'the buyer was refunded',
  refunded: 'the buyer was refunded',
  'awaiting-onboarding': 'finish setting up payouts to be paid',
  'onboarding-required': 'finish setting up payouts to be paid',
  'payouts-not-enabled': 'finish setting up payouts to be paid',
  'provider-unavailable': 'the payment provider is unavailable; trying again',
  'balance-insufficient': 'your balance could not cover the reversal',
  'event-over': 'after the event',
};

const CODE = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

export function reasonText(why: string | null | undefined): string | undefined {
  const text = why?.trim();
  if (!text) return undefined;
  const known = KNOWN[text.toLowerCase()];
  if (known) return known;
  if (CODE.test(text)) return text.replace(/[-_]/g, ' ');
  return text.replace(/\.$/, '');
}
