// Payouts' database (services/payouts/src/db/migrations): its sales and its ledger. A deployment
// from before payouts has no such database (infra) or tables (embedded: the schema is empty): that
// is not an error, the ledger's rules are skipped and the report says why.
import type { Queryable } from '@ticketing/common';
import type { LedgerEntryRow, SaleRow } from './ledger';

export type PayoutsTables = { sales: SaleRow[]; entries: LedgerEntryRow[] } | { absent: string };

/** PostgreSQL's invalid_catalog_name: the database in the URL does not exist. */
const NO_SUCH_DATABASE = '3D000';

export async function readPayoutsTables(db: Queryable): Promise<PayoutsTables> {
  let present: Array<{ sales: string | null; entries: string | null }>;
  try {
    present = await db.query("SELECT to_regclass('sales')::text AS sales, to_regclass('ledger_entries')::text AS entries");
  } catch (error) {
    if ((error as { code?: string }).code === NO_SUCH_DATABASE) return { absent: 'its database does not exist' };
    throw error;
  }
  if (!present[0]?.sales || !present[0]?.entries) return { absent: 'it has no sales and ledger_entries tables' };
  const [sales, entries] = await Promise.all([
    db.query<SaleRow>(`SELECT order_id AS "orderId", seller_id AS "sellerId", state, gross_cents AS "grossCents",
      fee_cents AS "feeCents", net_cents AS "netCents", currency, charge_id AS "chargeId", payment_intent_id AS "paymentIntentId",
      payable_at AS "payableAt", transfer_id AS "transferId", reversal_id AS "reversalId", debt_cents AS "debtCents",
      transferred_at AS "transferredAt", refunded_at AS "refundedAt" FROM sales`),
    db.query<LedgerEntryRow>(`SELECT movement_id AS "movementId", movement, order_id AS "orderId", account,
      amount_cents AS "amountCents", currency FROM ledger_entries ORDER BY id`),
  ]);
  return { sales, entries };
}
