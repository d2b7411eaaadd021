// SQL for ledger_entries: a movement's entries inserted together under one movement id. Nothing
// here updates or deletes an entry; the unique index (order, movement, account) refuses a second
// movement of the same kind for a sale.
import type { Queryable } from '@ticketing/common';
import type { Movement, MovementKind } from '../domain/ledger-movements';

export async function insertMovement(db: Queryable, orderId: string, currency: string, movement: Movement): Promise<string> {
  const movementId = crypto.randomUUID();
  const values = movement.entries.map((_, index) => `($1, $2, $3, $${index * 2 + 5}, $${index * 2 + 6}, $4)`);
  await db.query(
    `INSERT INTO ledger_entries (movement_id, movement, order_id, account, amount_cents, currency) VALUES ${values.join(', ')}`,
    [movementId, movement.movement, orderId, currency, ...movement.entries.flatMap((entry) => [entry.account, entry.amountCents])],
  );
  return movementId;
}

export async function hasMovement(db: Queryable, orderId: string, movement: MovementKind): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM ledger_entries WHERE order_id = $1 AND movement = $2 LIMIT 1', [orderId, movement]);
  return rows.length > 0;
}
