// SQL for sales (0003_sales_ledger.sql). Every writer of a sale locks its row first (lockSale).
import type { Queryable } from '@ticketing/common';
import type { SaleState } from '../domain/sale-state';

export interface SaleRow {
  orderId: string;
  ticketId: string;
  sellerId: string;
  buyerId: string;
  eventId: string | null;
  grossCents: number;
  feeCents: number;
  netCents: number;
  currency: string;
  chargeId: string | null;
  paymentIntentId: string;
  soldAt: Date;
  payableAt: Date;
  state: SaleState;
  why: string;
  transferId: string | null;
  reversalId: string | null;
  debtCents: number;
  transferredAt: Date | null;
  refundedAt: Date | null;
  reversedAt: Date | null;
}

export type NewSale = Omit<SaleRow, 'transferId' | 'reversalId' | 'debtCents' | 'transferredAt' | 'refundedAt' | 'reversedAt'>;

const columns = `order_id AS "orderId", ticket_id AS "ticketId", seller_id AS "sellerId", buyer_id AS "buyerId",
  event_id AS "eventId", gross_cents AS "grossCents", fee_cents AS "feeCents", net_cents AS "netCents", currency,
  charge_id AS "chargeId", payment_intent_id AS "paymentIntentId", sold_at AS "soldAt", payable_at AS "payableAt",
  state, why, transfer_id AS "transferId", reversal_id AS "reversalId", debt_cents AS "debtCents",
  transferred_at AS "transferredAt", refunded_at AS "refundedAt", reversed_at AS "reversedAt"`;

/** Books a sale once: false when the order already has one (a second payment:created). */
export async function insertSale(db: Queryable, sale: NewSale): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO sales (order_id, ticket_id, seller_id, buyer_id, event_id, gross_cents, fee_cents, net_cents, currency,
       charge_id, payment_intent_id, sold_at, payable_at, state, why)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT DO NOTHING RETURNING order_id`,
    [sale.orderId, sale.ticketId, sale.sellerId, sale.buyerId, sale.eventId, sale.grossCents, sale.feeCents, sale.netCents,
      sale.currency, sale.chargeId, sale.paymentIntentId, sale.soldAt.toISOString(), sale.payableAt.toISOString(), sale.state, sale.why],
  );
  return rows.length === 1;
}

export async function lockSale(db: Queryable, orderId: string): Promise<SaleRow | undefined> {
  const [row] = await db.query<SaleRow>(`SELECT ${columns} FROM sales WHERE order_id = $1 FOR UPDATE`, [orderId]);
  return row;
}

export async function findSale(db: Queryable, orderId: string): Promise<SaleRow | undefined> {
  const [row] = await db.query<SaleRow>(`SELECT ${columns} FROM sales WHERE order_id = $1`, [orderId]);
  return row;
}

/** A seller's sales, newest first. */
export async function salesOfSeller(db: Queryable, sellerId: string): Promise<SaleRow[]> {
  return db.query<SaleRow>(`SELECT ${columns} FROM sales WHERE seller_id = $1 ORDER BY sold_at DESC, order_id`, [sellerId]);
}

/** The held sales of an event, locked (their release time follows the event's start). */
export async function lockHeldSalesOfEvent(db: Queryable, eventId: string): Promise<SaleRow[]> {
  return db.query<SaleRow>(`SELECT ${columns} FROM sales WHERE event_id = $1 AND state = 'held' ORDER BY order_id FOR UPDATE`, [eventId]);
}

/** The seller's sales waiting only for them to be able to receive payouts. */
export async function payableSalesOfSeller(db: Queryable, sellerId: string): Promise<SaleRow[]> {
  return db.query<SaleRow>(`SELECT ${columns} FROM sales WHERE seller_id = $1 AND state = 'payable' AND transfer_id IS NULL`, [sellerId]);
}

export interface SaleChange {
  state?: SaleState;
  why?: string;
  payableAt?: Date;
  transferId?: string;
  reversalId?: string;
  debtCents?: number;
  transferredAt?: Date;
  refundedAt?: Date;
  reversedAt?: Date;
}

const changeColumns: Record<keyof SaleChange, string> = {
  state: 'state', why: 'why', payableAt: 'payable_at', transferId: 'transfer_id', reversalId: 'reversal_id',
  debtCents: 'debt_cents', transferredAt: 'transferred_at', refundedAt: 'refunded_at', reversedAt: 'reversed_at',
};

export async function updateSale(db: Queryable, orderId: string, change: SaleChange): Promise<void> {
  const entries = (Object.entries(change) as Array<[keyof SaleChange, unknown]>).filter(([, value]) => value !== undefined);
  if (!entries.length) return;
  const sets = entries.map(([key], index) => `${changeColumns[key]} = $${index + 2}`);
  const values = entries.map(([, value]) => (value instanceof Date ? value.toISOString() : value));
  await db.query(`UPDATE sales SET ${sets.join(', ')}, updated_at = now() WHERE order_id = $1`, [orderId, ...values]);
}
