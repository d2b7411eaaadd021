// What a client's Idempotency-Key stands for: this user paying this order with this card. The same
// key sent with anything else is a different request, refused rather than answered with the
// first one's answer (Stripe's idempotency_error).
import { createHash } from 'node:crypto';

export interface PaymentRequestParts {
  userId: string;
  orderId: string;
  token: string;
}

export function requestFingerprint({ userId, orderId, token }: PaymentRequestParts): string {
  return createHash('sha256').update(JSON.stringify([userId, orderId, token])).digest('hex');
}

/** Rows from before fingerprints were kept have none: then at least the order must match. */
export function sameRequest(
  stored: { requestFingerprint: string | null; orderId: string }, request: PaymentRequestParts,
): boolean {
  return stored.requestFingerprint === null ? stored.orderId === request.orderId : stored.requestFingerprint === requestFingerprint(request);
}
