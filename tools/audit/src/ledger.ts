// What the audit compares: the payment provider's objects and our databases' rows, read once.
// Amounts are integer minor units throughout.
export interface ProviderCharge {
  id: string;
  paymentIntent: string | null;
  status: string;
  amount: number;
  amountRefunded: number;
  /** Our order id, from the metadata payments puts on the PaymentIntent (copied to its charge). */
  orderId: string | null;
  /** Lower-case ISO code, as Stripe gives it (optional: callers that build charges by hand may omit it). */
  currency?: string;
}

export interface ProviderRefund {
  id: string;
  charge: string | null;
  paymentIntent: string | null;
  status: string | null;
  amount: number;
  currency?: string;
}

export interface OrderRow {
  id: string;
  status: string;
  /** The price recorded on the order when it was created (what the buyer was shown). */
  priceCents: number;
}

export interface PaymentRow {
  id: string;
  orderId: string;
  status: string;
  amount: number;
  stripeId: string | null;
}

/** A transfer to a seller's connected account (payouts, docs/payouts.md). */
export interface ProviderTransfer {
  id: string;
  amount: number;
  currency: string;
  /** Unix seconds, the provider's clock. */
  created: number;
  destination: string | null;
  /** The sale it pays: metadata[saleId] (the order id), else its transfer_group (the order id too). */
  saleId: string | null;
}

export interface ProviderReversal {
  id: string;
  transfer: string;
  amount: number;
  currency: string;
}

/** A row of payouts' `sales` (services/payouts/src/db/migrations). */
export interface SaleRow {
  orderId: string;
  sellerId: string;
  state: string;
  grossCents: number;
  feeCents: number;
  netCents: number;
  currency: string;
  chargeId: string | null;
  paymentIntentId: string;
  payableAt: Date;
  transferId: string | null;
  reversalId: string | null;
  debtCents: number;
  transferredAt: Date | null;
  refundedAt: Date | null;
}

/** A row of payouts' append-only `ledger_entries`: debit positive, credit negative. */
export interface LedgerEntryRow {
  movementId: string;
  movement: string;
  orderId: string;
  account: string;
  amountCents: number;
  currency: string;
}

/** Payouts' side of the money: its ledger and sales, and the transfers and reversals at the provider. */
export interface PayoutsLedger {
  sales: SaleRow[];
  entries: LedgerEntryRow[];
  transfers: ProviderTransfer[];
  reversals: ProviderReversal[];
}

export interface Ledger {
  charges: ProviderCharge[];
  refunds: ProviderRefund[];
  orders: OrderRow[];
  payments: PaymentRow[];
  /** Absent when payouts is not deployed (a deployment from before it): its rules are skipped. */
  payouts?: PayoutsLedger;
}
