// The payment provider port: what the payments service needs from a card processor. The Stripe
// adapter implements it; tests run that adapter against the Stripe simulator.
import { DependencyUnavailable, PermanentError } from '@ticketing/common';

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
   * first outcome. Throws CardDeclined, InvalidPaymentMethod (nothing charged, final),
   * ProviderUnavailable (outcome unknown: retry with the same key) or ProviderRejected.
   */
  charge(amount: number, currency: string, token: string, idempotencyKey: string, metadata: Record<string, string>): Promise<ChargeResult>;
  /** Refunds a whole payment; returns the refund id. Idempotent per key. Throws ProviderUnavailable or ProviderRejected. */
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

/**
 * The provider could not be reached, timed out, answered 5xx, rate-limited us or is still busy
 * with the same key: the outcome is unknown and a retry with the same key is safe. A wait, not a
 * failure (events.md): whoever retries does so for as long as it takes.
 */
export class ProviderUnavailable extends DependencyUnavailable {
  override name = 'ProviderUnavailable';
}

/**
 * The provider answered, and its answer is final: our request is wrong (a bad key, an unknown
 * object, parameters refused, an idempotency key reused differently). Retrying the same request
 * cannot help; an operator has to look.
 */
export class ProviderRejected extends PermanentError {
  override name = 'ProviderRejected';
}

export class InvalidWebhookSignature extends Error {
  override name = 'InvalidWebhookSignature';
}
