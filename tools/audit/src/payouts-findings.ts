// The payouts ledger's rules (docs/payouts.md "Tables and the ledger"), pure over a Ledger that has
// payouts' side: every movement balances; the platform's cash in the ledger is what the provider
// says it holds; every transfer pays a sale that was due; no sale is paid twice; a refund after a
// transfer is clawed back (or kept as the seller's debt).
import type { Finding } from './findings';
import type { Ledger, PayoutsLedger, ProviderCharge, ProviderTransfer, SaleRow } from './ledger';

export type PayoutsFindingKind =
  | 'movement-unbalanced' | 'platform-cash-mismatch' | 'transfer-without-sale' | 'transfer-order-not-complete'
  | 'transfer-before-payable' | 'sale-transferred-twice' | 'refund-not-reversed';

type PayoutsFinding = Finding & { kind: PayoutsFindingKind };

const CASH = 'platform:cash';
/** A refund that gives money back (or will): not one that failed or was canceled. */
const refundCounts = (status: string | null) => status !== 'failed' && status !== 'canceled';

/** The entries of one movement (one movement_id) sum to zero, in each currency. */
export function unbalancedMovements(payouts: PayoutsLedger): PayoutsFinding[] {
  const sums = new Map<string, { movement: string; orderId: string; currency: string; sum: number }>();
  for (const entry of payouts.entries) {
    const key = `${entry.movementId} ${entry.currency}`;
    const total = sums.get(key) ?? { movement: entry.movement, orderId: entry.orderId, currency: entry.currency, sum: 0 };
    total.sum += entry.amountCents;
    sums.set(key, total);
  }
  return [...sums].filter(([, total]) => total.sum !== 0).map(([key, total]) => ({
    kind: 'movement-unbalanced' as const,
    message: `movement ${key.split(' ')[0]} (${total.movement} of order ${total.orderId}) sums to ${total.sum} ${total.currency}, not 0`,
  }));
}

/** platform:cash in the ledger = charges − refunds − transfers + reversals at the provider, per currency. */
export function platformCashMismatches(ledger: Ledger, payouts: PayoutsLedger): PayoutsFinding[] {
  const book = new Map<string, number>();
  const provider = new Map<string, { charges: number; refunds: number; transfers: number; reversals: number }>();
  const at = (currency: string) => {
    if (!provider.has(currency)) provider.set(currency, { charges: 0, refunds: 0, transfers: 0, reversals: 0 });
    return provider.get(currency)!;
  };
  for (const entry of payouts.entries.filter((candidate) => candidate.account === CASH)) {
    book.set(entry.currency, (book.get(entry.currency) ?? 0) + entry.amountCents);
  }
  for (const charge of ledger.charges.filter((candidate) => candidate.status === 'succeeded')) at(currencyOf(charge)).charges += charge.amount;
  for (const refund of ledger.refunds.filter((candidate) => refundCounts(candidate.status))) at(currencyOf(refund)).refunds += refund.amount;
  for (const transfer of payouts.transfers) at(transfer.currency).transfers += transfer.amount;
  for (const reversal of payouts.reversals) at(reversal.currency).reversals += reversal.amount;
  const currencies = new Set([...book.keys(), ...provider.keys()]);
  return [...currencies].sort().flatMap((currency) => {
    const side = at(currency);
    const expected = side.charges - side.refunds - side.transfers + side.reversals;
    const booked = book.get(currency) ?? 0;
    if (booked === expected) return [];
    return [{
      kind: 'platform-cash-mismatch' as const,
      message: `the ledger's ${CASH} is ${booked} ${currency} but the provider holds ${expected} (charges ${side.charges} − refunds ${side.refunds} − transfers ${side.transfers} + reversals ${side.reversals})`,
    }];
  });
}

/**
 * Every transfer at the provider pays a sale that payouts shows transferred (or reversed), whose
 * order is complete (or was refunded after the transfer), and whose payable time had come.
 */
export function unjustifiedTransfers(ledger: Ledger, payouts: PayoutsLedger): PayoutsFinding[] {
  const orders = new Map(ledger.orders.map((order) => [order.id, order]));
  const found: PayoutsFinding[] = [];
  for (const transfer of payouts.transfers) {
    const sale = saleOf(payouts, transfer);
    const what = `transfer ${transfer.id} of ${transfer.amount} ${transfer.currency}`;
    if (!sale) {
      found.push({ kind: 'transfer-without-sale', message: `${what} pays no sale (saleId ${transfer.saleId ?? 'none'})` });
      continue;
    }
    if (sale.state !== 'transferred' && sale.state !== 'reversed') {
      found.push({ kind: 'transfer-without-sale', message: `${what} pays sale ${sale.orderId}, which is ${sale.state}, not transferred or reversed` });
    }
    const order = orders.get(sale.orderId);
    const refundedAfter = sale.state === 'reversed'
      || (sale.refundedAt !== null && sale.transferredAt !== null && sale.refundedAt >= sale.transferredAt);
    if (order?.status !== 'complete' && !(order && refundedAfter && (order.status === 'refunded' || order.status === 'cancelled'))) {
      const why = order ? `is ${order.status}${refundedAfter ? '' : ' and was not refunded after the transfer'}` : 'does not exist';
      found.push({ kind: 'transfer-order-not-complete', message: `${what} pays sale ${sale.orderId} whose order ${why}` });
    }
    // The provider's created is whole seconds: a transfer in the payable second is on time.
    if (Math.floor(sale.payableAt.getTime() / 1000) > transfer.created) {
      found.push({
        kind: 'transfer-before-payable',
        message: `${what} was made at ${new Date(transfer.created * 1000).toISOString()}, before sale ${sale.orderId} was payable at ${sale.payableAt.toISOString()}`,
      });
    }
  }
  return found;
}

/** At most one transfer per sale, at the provider and in the ledger. */
export function salesTransferredTwice(payouts: PayoutsLedger): PayoutsFinding[] {
  const found: PayoutsFinding[] = [];
  const bySale = new Map<string, string[]>();
  for (const transfer of payouts.transfers) {
    const sale = saleOf(payouts, transfer)?.orderId ?? transfer.saleId;
    if (sale) bySale.set(sale, [...(bySale.get(sale) ?? []), transfer.id]);
  }
  for (const [sale, transfers] of bySale) {
    if (transfers.length > 1) found.push({ kind: 'sale-transferred-twice', message: `sale ${sale} has ${transfers.length} transfers at the provider (${transfers.join(', ')})` });
  }
  const movements = new Map<string, Set<string>>();
  for (const entry of payouts.entries.filter((candidate) => candidate.movement === 'transfer')) {
    movements.set(entry.orderId, (movements.get(entry.orderId) ?? new Set()).add(entry.movementId));
  }
  for (const [sale, ids] of movements) {
    if (ids.size > 1) found.push({ kind: 'sale-transferred-twice', message: `sale ${sale} has ${ids.size} transfer movements in the ledger` });
  }
  return found;
}

/**
 * A sale refunded (at the provider, or as payouts recorded it) after its transfer has that
 * transfer reversed in full at the provider, unless the seller's debt is recorded instead.
 */
export function refundsNotReversed(ledger: Ledger, payouts: PayoutsLedger): PayoutsFinding[] {
  const refundedCharges = new Set<string>();
  for (const refund of ledger.refunds.filter((candidate) => refundCounts(candidate.status))) {
    if (refund.charge) refundedCharges.add(refund.charge);
    if (refund.paymentIntent) refundedCharges.add(refund.paymentIntent);
  }
  const refundMovements = new Set(payouts.entries.filter((entry) => entry.movement === 'refund').map((entry) => entry.orderId));
  const reversed = new Map<string, number>();
  for (const reversal of payouts.reversals) reversed.set(reversal.transfer, (reversed.get(reversal.transfer) ?? 0) + reversal.amount);
  return payouts.transfers.flatMap((transfer) => {
    const sale = saleOf(payouts, transfer);
    if (!sale || sale.debtCents > 0) return [];
    const refunded = refundMovements.has(sale.orderId) || sale.refundedAt !== null
      || (sale.chargeId !== null && refundedCharges.has(sale.chargeId)) || refundedCharges.has(sale.paymentIntentId);
    const back = reversed.get(transfer.id) ?? 0;
    if (!refunded || back >= transfer.amount) return [];
    return [{
      kind: 'refund-not-reversed' as const,
      message: `sale ${sale.orderId} was refunded after transfer ${transfer.id} of ${transfer.amount} but ${back === 0 ? 'it has no reversal' : `only ${back} was reversed`} and no seller debt is recorded`,
    }];
  });
}

const indexes = new WeakMap<PayoutsLedger, { byTransfer: Map<string, SaleRow>; byOrder: Map<string, SaleRow> }>();

/** The sale a transfer pays: the one that recorded its id, else the one its metadata names. */
function saleOf(payouts: PayoutsLedger, transfer: ProviderTransfer): SaleRow | undefined {
  let index = indexes.get(payouts);
  if (!index) {
    index = {
      byTransfer: new Map(payouts.sales.filter((sale) => sale.transferId).map((sale) => [sale.transferId!, sale])),
      byOrder: new Map(payouts.sales.map((sale) => [sale.orderId, sale])),
    };
    indexes.set(payouts, index);
  }
  return index.byTransfer.get(transfer.id) ?? (transfer.saleId ? index.byOrder.get(transfer.saleId) : undefined);
}

/** Charges and refunds built by hand may carry no currency: the marketplace's is usd by default. */
function currencyOf(object: Pick<ProviderCharge, 'currency'>): string {
  return object.currency ?? 'usd';
}

export function auditPayouts(ledger: Ledger): PayoutsFinding[] {
  const payouts = ledger.payouts;
  if (!payouts) return [];
  return [
    ...unbalancedMovements(payouts), ...platformCashMismatches(ledger, payouts), ...unjustifiedTransfers(ledger, payouts),
    ...salesTransferredTwice(payouts), ...refundsNotReversed(ledger, payouts),
  ];
}
