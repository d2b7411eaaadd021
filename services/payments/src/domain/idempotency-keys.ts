// Stripe idempotency keys: one per payment attempt, one per refund, stable across retries.

/** From the client's Idempotency-Key when given (same header → same Stripe key), else the attempt id. */
export function chargeKey(attempt: { id: string; userId: string; clientKey: string | null }): string {
  return attempt.clientKey ? `pay-${attempt.userId}-${attempt.clientKey}` : `pay-${attempt.id}`;
}

export function refundKey(paymentId: string): string {
  return `refund-${paymentId}`;
}
