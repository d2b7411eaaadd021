// The money audit's rules (quality.md R10), pure over a Ledger. Each rule returns its findings as
// sentences naming the objects; none means the money is accounted for. A sale is a complete order;
// a `refunded` order (paid, then its event cancelled, issue 15) is not one: its money went back.
// The payouts ledger's rules, when payouts' side was read: payouts-findings.ts.
import type { Ledger, OrderRow, ProviderCharge } from './ledger';
import { auditPayouts, type PayoutsFindingKind } from './payouts-findings';

export type FindingKind = 'charge-kept' | 'complete-order-charges' | 'amount-mismatch' | 'refund-without-cancel' | 'refunded-order-not-refunded'
  | PayoutsFindingKind;

export interface Finding {
  kind: FindingKind;
  message: string;
}

/** A charge the buyer still pays for: succeeded and not refunded in full. */
function isKept(charge: ProviderCharge): boolean {
  return charge.status === 'succeeded' && charge.amountRefunded < charge.amount;
}

/** Charged, then given back in full. */
function isRefundedInFull(charge: ProviderCharge): boolean {
  return charge.status === 'succeeded' && charge.amountRefunded >= charge.amount;
}

/** The statuses whose orders may have had money given back: ended before (cancelled) or after (refunded) it was a sale. */
const refundableStatuses = new Set(['cancelled', 'refunded']);

/** The order of a charge: its metadata, else the payment row that recorded its PaymentIntent. */
function orderIdOf(ledger: Ledger, charge: { paymentIntent: string | null; orderId?: string | null }): string | null {
  if (charge.orderId) return charge.orderId;
  return ledger.payments.find((payment) => payment.stripeId !== null && payment.stripeId === charge.paymentIntent)?.orderId ?? null;
}

function ordersById(ledger: Ledger): Map<string, OrderRow> {
  return new Map(ledger.orders.map((order) => [order.id, order]));
}

/** Money taken for an order that did not end complete (or for no order at all); a refunded order keeps none. */
export function keptCharges(ledger: Ledger): Finding[] {
  const orders = ordersById(ledger);
  return ledger.charges.filter(isKept).flatMap((charge) => {
    const orderId = orderIdOf(ledger, charge);
    const order = orderId ? orders.get(orderId) : undefined;
    if (order?.status === 'complete') return [];
    const where = order ? `order ${order.id} is ${order.status}` : `no order ${orderId ?? '(no orderId metadata)'} exists`;
    const refunded = charge.amountRefunded > 0 ? `only ${charge.amountRefunded} refunded` : 'no refund';
    return [{ kind: 'charge-kept' as const, message: `charge ${charge.id} of ${charge.amount} succeeded, ${refunded}, and ${where}` }];
  });
}

/** Every complete order is paid by exactly one charge it keeps. */
export function completeOrderCharges(ledger: Ledger): Finding[] {
  const kept = new Map<string, string[]>();
  for (const charge of ledger.charges.filter(isKept)) {
    const orderId = orderIdOf(ledger, charge);
    if (orderId) kept.set(orderId, [...(kept.get(orderId) ?? []), charge.id]);
  }
  return ledger.orders.filter((order) => order.status === 'complete' && kept.get(order.id)?.length !== 1).map((order) => {
    const charges = kept.get(order.id) ?? [];
    return { kind: 'complete-order-charges' as const, message: `complete order ${order.id} has ${charges.length} succeeded unrefunded charges${charges.length ? ` (${charges.join(', ')})` : ''}, not 1` };
  });
}

/** What was charged (at the provider and in payments' rows) is the price the order recorded. */
export function amountMismatches(ledger: Ledger): Finding[] {
  const orders = ordersById(ledger);
  const found: Finding[] = [];
  for (const charge of ledger.charges.filter((candidate) => candidate.status === 'succeeded')) {
    const order = orders.get(orderIdOf(ledger, charge) ?? '');
    if (order && charge.amount !== order.priceCents) {
      found.push({ kind: 'amount-mismatch', message: `charge ${charge.id} is ${charge.amount} but order ${order.id} recorded ${order.priceCents}` });
    }
  }
  for (const payment of ledger.payments.filter((row) => row.status === 'succeeded' || row.status === 'refunded')) {
    const order = orders.get(payment.orderId);
    if (order && payment.amount !== order.priceCents) {
      found.push({ kind: 'amount-mismatch', message: `payment ${payment.id} is ${payment.amount} but order ${order.id} recorded ${order.priceCents}` });
    }
  }
  return found;
}

/**
 * A refunded order was paid and its money given back: at least one of its charges is refunded in
 * full at the provider (a charge it still keeps is `charge-kept`'s).
 */
export function refundedOrdersNotRefunded(ledger: Ledger): Finding[] {
  const refundedInFull = new Set(ledger.charges.filter(isRefundedInFull).map((charge) => orderIdOf(ledger, charge)));
  return ledger.orders.filter((order) => order.status === 'refunded' && !refundedInFull.has(order.id)).map((order) => {
    const charges = ledger.charges.filter((charge) => charge.status === 'succeeded' && orderIdOf(ledger, charge) === order.id);
    const what = charges.length === 0 ? 'no succeeded charge' : `no charge refunded in full (${charges.map((charge) => `${charge.id}: ${charge.amountRefunded} of ${charge.amount}`).join(', ')})`;
    return { kind: 'refunded-order-not-refunded' as const, message: `refunded order ${order.id} has ${what} at the provider` };
  });
}

/** Money is only given back for an order that ended cancelled or refunded. */
export function refundsWithoutCancel(ledger: Ledger): Finding[] {
  const orders = ordersById(ledger);
  const charges = new Map(ledger.charges.map((charge) => [charge.id, charge]));
  return ledger.refunds.filter((refund) => refund.status !== 'failed' && refund.status !== 'canceled').flatMap((refund) => {
    const charge = refund.charge ? charges.get(refund.charge) : undefined;
    const orderId = orderIdOf(ledger, { paymentIntent: refund.paymentIntent, orderId: charge?.orderId });
    const order = orderId ? orders.get(orderId) : undefined;
    if (order && refundableStatuses.has(order.status)) return [];
    const where = order ? `order ${order.id} is ${order.status}` : `no order ${orderId ?? '(unknown)'} exists`;
    return [{ kind: 'refund-without-cancel' as const, message: `refund ${refund.id} of ${refund.amount} but ${where}` }];
  });
}

export function auditLedger(ledger: Ledger): Finding[] {
  return [
    ...keptCharges(ledger), ...completeOrderCharges(ledger), ...amountMismatches(ledger), ...refundsWithoutCancel(ledger),
    ...refundedOrdersNotRefunded(ledger), ...auditPayouts(ledger),
  ];
}
