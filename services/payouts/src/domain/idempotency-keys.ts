// Provider idempotency keys derived from what they are for, so a retry after a crash or a lost
// answer repeats the same request instead of making a second one (docs/payouts.md).
export const transferKey = (saleId: string) => `payout-transfer-${saleId}`;
export const reversalKey = (saleId: string) => `payout-reversal-${saleId}`;
/** One connected account per seller, even when two onboarding requests race. */
export const accountKey = (userId: string) => `payout-account-${userId}`;
