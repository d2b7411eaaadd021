// The provider calls the payout worker makes, with no transaction open while Stripe is called (in
// embedded mode one PGlite serialises every service's transactions). Exactly once whatever
// crashes in between: the job row is the claim, the call carries a key derived from the sale
// (payout-transfer-<sale>, payout-reversal-<sale>), so a repeat returns the first outcome, and the
// outcome is recorded under the sale's lock only if it is not recorded yet.
import type { Db, Tx } from '@ticketing/common';
import { findAccount } from '../db/accounts.repository';
import { insertMovement } from '../db/ledger.repository';
import { addJob, clearJob, type ClaimedJob } from '../db/payout-jobs.repository';
import { findEvent } from '../db/replicas.repository';
import { findSale, lockSale, updateSale, type SaleRow } from '../db/sales.repository';
import { appendTimeline } from '../db/timeline.repository';
import { reversalKey, transferKey } from '../domain/idempotency-keys';
import { reversalMovement, transferMovement } from '../domain/ledger-movements';
import { why } from '../domain/sale-state';
import { BalanceInsufficient, ProviderRejected, type PayoutsProvider } from '../provider/payouts-provider.port';

export interface PayOutDeps {
  db: Db;
  provider: PayoutsProvider;
  now: () => Date;
}

/** Throws when not done (provider away or refusing): the job stays and is retried. */
export async function runPayoutJob(deps: PayOutDeps, job: ClaimedJob): Promise<void> {
  return job.kind === 'transfer' ? transferSale(deps, job) : reverseSale(deps, job.orderId);
}

async function transferSale(deps: PayOutDeps, job: ClaimedJob): Promise<void> {
  const sale = await findSale(deps.db, job.orderId);
  if (!sale || sale.transferId) return done(deps, job.orderId, 'transfer');
  // A refunded sale is paid out only to finish a call an earlier attempt may have made (it is then
  // reversed); a first attempt that finds it refunded makes none.
  const earlierCall = job.attempts > 1;
  if (sale.state !== 'payable' && !(sale.state === 'refunded' && earlierCall)) return done(deps, job.orderId, 'transfer');
  if (!earlierCall && sale.eventId && (await findEvent(deps.db, sale.eventId))?.status === 'cancelled') {
    return done(deps, job.orderId, 'transfer');
  }
  const account = await findAccount(deps.db, sale.sellerId);
  // Not onboarded (any more): account.updated with payouts_enabled owes the transfer again.
  if (!account?.payoutsEnabled || !account.stripeAccountId) return done(deps, job.orderId, 'transfer');

  let transferId: string;
  try {
    transferId = await deps.provider.createTransfer({
      amount: sale.netCents, currency: sale.currency, destination: account.stripeAccountId, transferGroup: sale.orderId,
      sourceTransaction: sale.chargeId ?? undefined, saleId: sale.orderId,
    }, transferKey(sale.orderId));
  } catch (error) {
    // Refunded meanwhile, and the refunded charge cannot fund a transfer (no earlier attempt made
    // one, or the key would have returned it): nothing was paid out, nothing is owed.
    if (error instanceof ProviderRejected && (await findSale(deps.db, job.orderId))?.state === 'refunded') return done(deps, job.orderId, 'transfer');
    throw error;
  }
  await deps.db.transaction((tx) => recordTransfer(tx, deps, sale.orderId, transferId));
}

async function recordTransfer(tx: Tx, deps: PayOutDeps, orderId: string, transferId: string): Promise<void> {
  const sale = await lockSale(tx, orderId);
  if (sale && !sale.transferId) {
    const at = deps.now();
    await insertMovement(tx, orderId, sale.currency, transferMovement(sale));
    const refundedMeanwhile = sale.state === 'refunded';
    await updateSale(tx, orderId, {
      state: 'transferred', transferId, transferredAt: at, why: refundedMeanwhile ? why.refundedAfterTransfer : why.transferred,
    });
    await appendTimeline(tx, orderId, { state: 'transferred', at, why: why.transferred });
    // The refund landed while the transfer was in flight: take the transfer back.
    if (refundedMeanwhile) await addJob(tx, orderId, 'reversal');
  }
  await clearJob(tx, orderId, 'transfer');
}

async function reverseSale(deps: PayOutDeps, orderId: string): Promise<void> {
  const sale = await findSale(deps.db, orderId);
  if (!sale?.transferId || sale.reversalId || sale.state === 'reversed') return done(deps, orderId, 'reversal');
  const transferId = sale.transferId;
  let reversalId: string | undefined;
  try {
    reversalId = await deps.provider.reverseTransfer(transferId, orderId, reversalKey(orderId));
  } catch (error) {
    if (!(error instanceof BalanceInsufficient)) throw error;
  }
  await deps.db.transaction((tx) => recordReversal(tx, deps, orderId, reversalId));
}

/** `reversalId` undefined: the seller's balance could not cover it; the debt is kept and shown. */
async function recordReversal(tx: Tx, deps: PayOutDeps, orderId: string, reversalId: string | undefined): Promise<void> {
  const sale: SaleRow | undefined = await lockSale(tx, orderId);
  if (sale && sale.state !== 'reversed') {
    const at = deps.now();
    if (reversalId) {
      await insertMovement(tx, orderId, sale.currency, reversalMovement(sale));
      await updateSale(tx, orderId, { state: 'reversed', reversalId, reversedAt: at, why: why.reversed });
      await appendTimeline(tx, orderId, { state: 'reversed', at, why: why.reversed });
    } else {
      await updateSale(tx, orderId, { state: 'reversed', debtCents: sale.netCents, reversedAt: at, why: why.debt });
      await appendTimeline(tx, orderId, { state: 'reversed', at, why: why.debt });
    }
  }
  await clearJob(tx, orderId, 'reversal');
}

function done(deps: PayOutDeps, orderId: string, kind: 'transfer' | 'reversal'): Promise<void> {
  return deps.db.transaction((tx) => clearJob(tx, orderId, kind));
}
