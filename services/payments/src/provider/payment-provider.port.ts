// The payment provider port: what the payments service needs from a card processor. The Stripe
// adapter implements it; tests run that adapter against the Stripe simulator.

export interface ChargeResult {
  status: 'succeeded';
  /** The provider's id for the payment (a Stripe PaymentIntent id). */
  id: string;
}

/** A verified provider event (webhook). */
export interface ProviderEvent {
  id: string;
  type: string;
}

export interface PaymentProvider {
  /**
   * Charges `amount` minor units. The same idempotencyKey never charges twice: a retry returns the
   * first outcome. Throws CardDeclined, InvalidPaymentMethod (nothing charged, final) or
   * ProviderUnavailable (outcome unknown: retry with the same key).
   */
  charge(amount: number, currency: string, token: string, idempotencyKey: string, metadata: Record<string, string>): Promise<ChargeResult>;
  /** Refunds a whole payment; returns the refund id. Idempotent per key. Throws ProviderUnavailable. */
  refund(paymentIntentId: string, idempotencyKey: string): Promise<string>;
  /** Checks a webhook's signature; throws InvalidWebhookSignature. */
  verifyWebhook(payload: Buffer, signature: string | undefined): ProviderEvent;
}

/** The card was refused; the message is the provider's, fit to show the buyer. */
export class CardDeclined extends Error {
  override name = 'CardDeclined';
}

/** The token or payment method does not exist at the provider; nothing was charged. */
export class InvalidPaymentMethod extends Error {
  override name = 'InvalidPaymentMethod';
}

/** The provider could not be reached or failed: the outcome of a charge is unknown. */
export class ProviderUnavailable extends Error {
  override name = 'ProviderUnavailable';
}

export class InvalidWebhookSignature extends Error {
  override name = 'InvalidWebhookSignature';
}
