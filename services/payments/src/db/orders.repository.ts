// SQL for the orders replica.
import type { Queryable } from '@ticketing/common';

export type ReplicaOrderStatus = 'created' | 'cancelled';

export interface ReplicaOrder {
  id: string;
  version: number;
  userId: string;
  priceCents: number;
  status: ReplicaOrderStatus;
  expiresAt: Date;
}

const columns = 'id, version, user_id AS "userId", price_cents AS "priceCents", status, expires_at AS "expiresAt"';

export async function insertOrder(db: Queryable, order: Omit<ReplicaOrder, 'status' | 'version'>): Promise<void> {
  await db.query(
    `INSERT INTO orders (id, version, user_id, price_cents, status, expires_at) VALUES ($1, 0, $2, $3, 'created', $4)
     ON CONFLICT (id) DO NOTHING`,
    [order.id, order.userId, order.priceCents, order.expiresAt],
  );
}

/** The order row, locked until the transaction ends (serialises payment and cancellation). */
export async function lockOrder(db: Queryable, id: string): Promise<ReplicaOrder | undefined> {
  const [row] = await db.query<ReplicaOrder>(`SELECT ${columns} FROM orders WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

export async function markCancelled(db: Queryable, id: string, version: number): Promise<void> {
  await db.query("UPDATE orders SET status = 'cancelled', version = $2 WHERE id = $1", [id, version]);
}
