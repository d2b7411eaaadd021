// The payouts provider port: what payouts needs from Stripe Connect (separate charges and
// transfers). The Stripe adapter implements it; tests run that adapter against the simulator.
import { DependencyUnavailable, PermanentError } from '@ticketing/common';

export interface TransferRequest {
  /** Minor units: the sale's net. */
  amount: number;
  currency: string;
  /** The seller's connected account (acct_…). */
  destination: string;
  /** The order id (the PaymentIntent carries the same transfer_group). */
  transferGroup: string;
  /** The charge the money came from (ch_…), when payments told us. */
  sourceTransaction?: string;
  saleId: string;
}

/** A verified Connect webhook event. */
export interface ConnectEvent {
  id: string;
  type: string;
  /** The connected account it is about (the event's top-level `account`, else the object's id for an account event). */
  account?: string;
  /** When the provider created it (orders events about one account). */
  created: Date;
  /** account.updated: the account's state. */
  accountStatus?: { id: string; payoutsEnabled: boolean; userId?: string };
}

export interface PayoutsProvider {
  /** Creates the seller's express connected account (transfers capability); the same key returns the same account. */
  createAccount(userId: string, idempotencyKey: string): Promise<string>;
  /** A fresh single-use onboarding link to the account. */
  createAccountLink(accountId: string, urls: { refreshUrl: string; returnUrl: string }): Promise<string>;
  /** Moves money to the connected account; returns the transfer id. Idempotent per key. */
  createTransfer(request: TransferRequest, idempotencyKey: string): Promise<string>;
  /**
   * Takes a whole transfer back; returns the reversal id. Idempotent per key. Throws
   * BalanceInsufficient when the connected account cannot cover it.
   */
  reverseTransfer(transferId: string, saleId: string, idempotencyKey: string): Promise<string>;
  /** Checks a Connect webhook's signature; throws InvalidWebhookSignature. */
  verifyWebhook(payload: Buffer, signature: string | undefined): ConnectEvent;
}

/**
 * The provider could not be reached, timed out, answered 5xx, rate-limited us or is still busy
 * with the same key: the outcome is unknown and a retry with the same key is safe. A wait.
 */
export class ProviderUnavailable extends DependencyUnavailable {
  override name = 'ProviderUnavailable';
}

/** The provider's answer is final (a bad key, an unknown object, a refused parameter): an operator has to look. */
export class ProviderRejected extends PermanentError {
  override name = 'ProviderRejected';
}

/** The connected account's balance cannot cover the reversal: the seller owes the platform. */
export class BalanceInsufficient extends Error {
  override name = 'BalanceInsufficient';
}

export class InvalidWebhookSignature extends Error {
  override name = 'InvalidWebhookSignature';
}

/** Signed, but not a Stripe event this endpoint can read (no id, type or data.object). */
export class InvalidWebhookEvent extends Error {
  override name = 'InvalidWebhookEvent';
}
