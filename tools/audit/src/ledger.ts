// What the audit compares: the payment provider's objects and our two databases' rows, read once.
// Amounts are integer minor units throughout.
export interface ProviderCharge {
  id: string;
  paymentIntent: string | null;
  status: string;
  amount: number;
  amountRefunded: number;
  /** Our order id, from the metadata payments puts on the PaymentIntent (copied to its charge). */
  orderId: string | null;
}

export interface ProviderRefund {
  id: string;
  charge: string | null;
  paymentIntent: string | null;
  status: string | null;
  amount: number;
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

export interface Ledger {
  charges: ProviderCharge[];
  refunds: ProviderRefund[];
  orders: OrderRow[];
  payments: PaymentRow[];
}
