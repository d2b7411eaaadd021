// The inbox claim: an event's effect runs in a transaction that first records (event id, group),
// so a redelivered event has no second effect.
import type { Db, Tx } from '../db/port';
import type { Envelope } from '../events/contracts';

/** Runs effect in a transaction that first claims (event, group) in the inbox. False for a duplicate. */
export async function handleOnce(db: Db, group: string, envelope: Envelope, effect: (tx: Tx) => Promise<void>): Promise<boolean> {
  return db.transaction(async (tx) => {
    const claimed = await tx.query(
      'INSERT INTO inbox (event_id, consumer_group, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
      [envelope.id, group, envelope.subject],
    );
    if (claimed.length === 0) return false;
    await effect(tx);
    return true;
  });
}
