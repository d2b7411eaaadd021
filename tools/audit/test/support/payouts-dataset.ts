// Sales written the way payouts writes them: rows in a database migrated with payouts' own
// migrations, the ledger's movements of docs/payouts.md, and transfers, refunds and reversals
// made at the simulator through the SDK (on top of support/dataset.ts's orders and charges).
import { fileURLToPath } from 'node:url';
import { migrate, type Db } from '@ticketing/common';
import type { StripeSimulator } from '@ticketing/stripe-sim';
import type Stripe from 'stripe';
import { seedOrder } from './dataset';

export const payoutsMigrations = fileURLToPath(new URL('../../../../services/payouts/src/db/migrations', import.meta.url));

export interface PayoutsWorld {
  stripe: Stripe;
  simulator: StripeSimulator;
  orders: Db;
  payments: Db;
  payouts: Db;
}

export async function migratePayouts(payouts: Db): Promise<void> {
  await migrate(payouts, payoutsMigrations);
}

export type SaleStory =
  /** Charged, its payable time not yet come. */
  | 'held'
  /** Charged and paid out to the seller. */
  | 'transferred'
  /** Charged and refunded before any transfer. */
  | 'refunded'
  /** Paid out, then refunded and the transfer reversed. */
  | 'reversed'
  /** Paid out, then refunded; the reversal failed for the seller's balance: a debt. */
  | 'debt';

export interface SeededSale {
  orderId: string;
  sellerId: string;
  chargeId: string;
  transferId?: string;
  net: number;
}

const HOUR = 3_600_000;
const FEE_PERCENT = 5;

/** One movement's entries, inserted with one movement_id (as ledger.repository does). */
export async function insertMovement(
  payouts: Db, orderId: string, movement: 'charge' | 'transfer' | 'refund' | 'reversal', entries: Array<[account: string, amount: number]>, currency = 'usd',
): Promise<string> {
  const movementId = crypto.randomUUID();
  for (const [account, amount] of entries) {
    await payouts.query(
      'INSERT INTO ledger_entries (movement_id, movement, order_id, account, amount_cents, currency) VALUES ($1, $2, $3, $4, $5, $6)',
      [movementId, movement, orderId, account, amount, currency],
    );
  }
  return movementId;
}

/** A connected account whose onboarding is complete (its transfers capability active). */
export async function onboardedAccount(world: PayoutsWorld, sellerId: string): Promise<string> {
  const account = await world.stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } }, metadata: { userId: sellerId } });
  world.simulator.completeOnboarding(account.id);
  return account.id;
}

/** A paid order of `gross` cents and its sale told up to `story`, consistent on every side. */
export async function seedSale(world: PayoutsWorld, story: SaleStory, gross = 2000): Promise<SeededSale> {
  const refundedFirst = story === 'refunded';
  const { orderId, intent } = await seedOrder(world, { status: refundedFirst ? 'refunded' : 'complete', priceCents: gross, charged: gross, refund: refundedFirst });
  const chargeId = (await world.stripe.paymentIntents.retrieve(intent!.id)).latest_charge as string;
  const sellerId = crypto.randomUUID();
  const fee = Math.floor((gross * FEE_PERCENT + 50) / 100);
  const net = gross - fee;
  const now = Date.now();
  const payableAt = new Date(story === 'held' ? now + 48 * HOUR : now - HOUR);
  await world.payouts.query(
    `INSERT INTO sales (order_id, ticket_id, seller_id, buyer_id, gross_cents, fee_cents, net_cents, currency, charge_id,
       payment_intent_id, sold_at, payable_at, state, why)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'usd', $8, $9, $10, $11, 'held', 'held until the event is over')`,
    [orderId, crypto.randomUUID(), sellerId, crypto.randomUUID(), gross, fee, net, chargeId, intent!.id, new Date(now - 2 * HOUR), payableAt],
  );
  const seller = `seller:${sellerId}`;
  await insertMovement(world.payouts, orderId, 'charge', [['platform:cash', gross], ['platform:fees', -fee], [seller, -net]]);
  if (story === 'held') return { orderId, sellerId, chargeId, net };
  if (refundedFirst) {
    await insertMovement(world.payouts, orderId, 'refund', [[seller, net], ['platform:fees', fee], ['platform:cash', -gross]]);
    await world.payouts.query("UPDATE sales SET state = 'refunded', refunded_at = now(), why = 'refunded' WHERE order_id = $1", [orderId]);
    return { orderId, sellerId, chargeId, net };
  }
  const destination = await onboardedAccount(world, sellerId);
  const transfer = await world.stripe.transfers.create({
    amount: net, currency: 'usd', destination, transfer_group: orderId, source_transaction: chargeId, metadata: { saleId: orderId },
  }, { idempotencyKey: `payout-transfer-${orderId}` });
  await insertMovement(world.payouts, orderId, 'transfer', [[seller, net], ['platform:cash', -net]]);
  await world.payouts.query(
    "UPDATE sales SET state = 'transferred', transfer_id = $2, transferred_at = now(), why = 'paid out' WHERE order_id = $1",
    [orderId, transfer.id],
  );
  if (story === 'transferred') return { orderId, sellerId, chargeId, transferId: transfer.id, net };
  // Refunded after the transfer (its event cancelled late): orders and payments record it, payouts books the refund.
  await world.stripe.refunds.create({ payment_intent: intent!.id });
  await world.orders.query("UPDATE orders SET status = 'refunded' WHERE id = $1", [orderId]);
  await world.payments.query("UPDATE payments SET status = 'refunded' WHERE order_id = $1", [orderId]);
  await insertMovement(world.payouts, orderId, 'refund', [[seller, net], ['platform:fees', fee], ['platform:cash', -gross]]);
  if (story === 'debt') {
    await world.payouts.query(
      "UPDATE sales SET state = 'reversed', refunded_at = now(), debt_cents = $2, why = 'the seller owes it back' WHERE order_id = $1",
      [orderId, net],
    );
    return { orderId, sellerId, chargeId, transferId: transfer.id, net };
  }
  const reversal = await world.stripe.transfers.createReversal(transfer.id, { metadata: { saleId: orderId } }, { idempotencyKey: `payout-reversal-${orderId}` });
  await insertMovement(world.payouts, orderId, 'reversal', [['platform:cash', net], [seller, -net]]);
  await world.payouts.query(
    "UPDATE sales SET state = 'reversed', refunded_at = now(), reversed_at = now(), reversal_id = $2, why = 'taken back' WHERE order_id = $1",
    [orderId, reversal.id],
  );
  return { orderId, sellerId, chargeId, transferId: transfer.id, net };
}
