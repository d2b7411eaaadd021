// The double-entry movements of docs/payouts.md as pure functions: each returns the entries of one
// movement (debit positive, credit negative), which always sum to zero. Accounts: platform:cash
// (money at the platform's Stripe balance), platform:fees (revenue), seller:<userId> (what the
// platform owes the seller; positive = the seller owes the platform).

export type MovementKind = 'charge' | 'transfer' | 'refund' | 'reversal';

export interface LedgerEntry {
  account: string;
  amountCents: number;
}

export interface Movement {
  movement: MovementKind;
  entries: LedgerEntry[];
}

export interface SaleAmounts {
  sellerId: string;
  grossCents: number;
  feeCents: number;
  netCents: number;
}

export const CASH = 'platform:cash';
export const FEES = 'platform:fees';
export const sellerAccount = (sellerId: string) => `seller:${sellerId}`;

/** The buyer's charge: the cash is the platform's, the fee its revenue, the net owed to the seller. */
export function chargeMovement(sale: SaleAmounts): Movement {
  return balanced('charge', [
    { account: CASH, amountCents: sale.grossCents },
    { account: FEES, amountCents: -sale.feeCents },
    { account: sellerAccount(sale.sellerId), amountCents: -sale.netCents },
  ]);
}

/** The net paid to the seller's connected account: the platform owes them that much less. */
export function transferMovement(sale: SaleAmounts): Movement {
  return balanced('transfer', [
    { account: sellerAccount(sale.sellerId), amountCents: sale.netCents },
    { account: CASH, amountCents: -sale.netCents },
  ]);
}

/**
 * The buyer gets the gross back: the fee is given up and the net is no longer owed — or, after a
 * transfer, is now owed back by the seller (the same entries; the seller's account goes positive).
 */
export function refundMovement(sale: SaleAmounts): Movement {
  return balanced('refund', [
    { account: sellerAccount(sale.sellerId), amountCents: sale.netCents },
    { account: FEES, amountCents: sale.feeCents },
    { account: CASH, amountCents: -sale.grossCents },
  ]);
}

/** The transfer taken back from the seller's connected account: their debt is settled. */
export function reversalMovement(sale: SaleAmounts): Movement {
  return balanced('reversal', [
    { account: CASH, amountCents: sale.netCents },
    { account: sellerAccount(sale.sellerId), amountCents: -sale.netCents },
  ]);
}

/** Entries whose sum is not zero are a bug in this file: refuse them before they reach the ledger. */
function balanced(movement: MovementKind, entries: LedgerEntry[]): Movement {
  const sum = entries.reduce((total, entry) => total + entry.amountCents, 0);
  if (sum !== 0) throw new Error(`${movement} movement does not balance (sum ${sum})`);
  return { movement, entries: entries.filter((entry) => entry.amountCents !== 0) };
}
