// Payouts at the provider, through the SDK like the charges: every transfer, and every reversal of
// each (a transfer's own `reversals` holds only its first page), auto-paginated.
import type Stripe from 'stripe';
import type { ProviderReversal, ProviderTransfer } from './ledger';
import { all, idOf, PAGE } from './read-provider';

export interface TransfersSide {
  transfers: ProviderTransfer[];
  reversals: ProviderReversal[];
}

/** Reversal lists read at once: one request per transfer, a few in flight (not thousands). */
const CONCURRENCY = 8;

export async function readTransfers(stripe: Stripe): Promise<TransfersSide> {
  const transfers = await all(stripe.transfers.list(PAGE), (transfer: Stripe.Transfer) => transfer);
  const reversals: ProviderReversal[] = [];
  let next = 0;
  const worker = async () => {
    while (next < transfers.length) {
      const transfer = transfers[next++]!;
      reversals.push(...await all(stripe.transfers.listReversals(transfer.id, PAGE), toReversal));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, transfers.length) }, worker));
  return { transfers: transfers.map(toTransfer), reversals };
}

function toTransfer(transfer: Stripe.Transfer): ProviderTransfer {
  return {
    id: transfer.id, amount: transfer.amount, currency: transfer.currency, created: transfer.created,
    destination: idOf(transfer.destination), saleId: transfer.metadata?.saleId ?? transfer.transfer_group ?? null,
  };
}

function toReversal(reversal: Stripe.TransferReversal): ProviderReversal {
  return { id: reversal.id, transfer: idOf(reversal.transfer)!, amount: reversal.amount, currency: reversal.currency };
}
