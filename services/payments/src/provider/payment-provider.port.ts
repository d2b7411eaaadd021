// The payment provider port: what the payments service needs from a card processor. The Stripe
// adapter implements it; tests run that adapter against the Stripe simulator.
import { DependencyUnavailable, PermanentError } from '@ticketing/common';

export interface ChargeResult {
  status: 'succeeded';
  /** The provider's id for the payment (a Stripe PaymentIntent id). */
  id: string;
  /** The charge that took the money (the PaymentIntent's latest_charge): a transfer's source_transaction. */
  chargeId?: string;
}

/**
 * What the provider says of one payment (a Stripe PaymentIntent): `succeeded` (money taken),
 * `failed` (it never will be: declined, cancelled, or waiting for an action nobody takes here), or
 * `processing` (not decided yet: ask again later).
 */
export interface ProviderPayment {
  id: string;
  status: 'succeeded' | 'failed' | 'processing';
  amount: number;
  currency: string;
  /** The attempt it was made for (our metadata `paymentId`); absent on payments we did not make. */
  attemptId?: string;
  /** Its latest charge (the one that took the money once it has succeeded). */
  chargeId?: string;
  /** Why it failed, fit to show the buyer (the card's decline message). */
  failureMessage?: string;
}

/** A verified provider event (webhook), with the payment it is about when it is about one. */
export interface ProviderEvent {
  id: string;
  type: string;
  payment?: ProviderPayment;
  /** A refund event (`charge.refunded`): the provider's id of the payment that was refunded. */
  refundedProviderId?: string;
}

/** A refund as the provider made it: what it gave back, in minor units. */
export interface ProviderRefund {
  id: string;
  amount: number;
  currency: string;
}

/** Where to find an attempt's payment at the provider: by its id when we know it, else by the attempt's id. */
export interface PaymentLookup {
  attemptId: string;
  /** The provider's id (a PaymentIntent id), once known. */
  providerId: string | null;
}

export interface PaymentProvider {
  /**
   * Charges `amount` minor units. The same idempotencyKey never charges twice: a retry returns the
   * first outcome. Throws CardDeclined, InvalidPaymentMethod (nothing charged, final),
   * ProviderUnavailable (outcome unknown: retry with the same key) or ProviderRejected.
   * `transferGroup` (the order id) ties the charge to the seller's later transfer (Connect's
   * separate charges and transfers).
   */
  charge(amount: number, currency: string, token: string, idempotencyKey: string, metadata: Record<string, string>, transferGroup?: string): Promise<ChargeResult>;
  /**
   * Finds the payment made for an attempt without creating one: retrieved by id when known, else
   * searched by the attempt id in its metadata. Undefined when the provider has none (yet: Stripe's
   * search can lag behind its writes). Throws ProviderUnavailable or ProviderRejected.
   */
  lookUp(lookup: PaymentLookup): Promise<ProviderPayment | undefined>;
  /** Refunds a whole payment; returns the refund. Idempotent per key. Throws ProviderUnavailable or ProviderRejected. */
  refund(paymentIntentId: string, idempotencyKey: string): Promise<ProviderRefund>;
  /** Checks a webhook's signature; throws InvalidWebhookSignature. */
  verifyWebhook(payload: Buffer, signature: string | undefined): ProviderEvent;
}

/** The card was refused; the message is the provider's, fit to show the buyer. */
export class CardDeclined extends Error {
  override name = 'CardDeclined';

  /** The provider's id of the declined payment, when it made one. */
  constructor(message: string, readonly paymentId?: string) {
    super(message);
  }
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

  /**
   * `invalid-request`: the request itself (an amount outside the provider's limits, a parameter)
   * is refused, so the buyer can be told why. `account`: our key or account is refused — our
   * fault, nothing to show the buyer.
   */
  constructor(message: string, readonly reason: 'invalid-request' | 'account', options?: ErrorOptions) {
    super(message, options);
  }
}

export class InvalidWebhookSignature extends Error {
  override name = 'InvalidWebhookSignature';
}
