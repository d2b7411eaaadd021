// The SQL for a keyed timer table (key, fire_at) in a service's database: the db adapter's timers
// and the BullMQ adapter's hand-off rows have that shape (columns: scheduler.port.ts). The table
// and key column are the service's, so they are checked identifiers, never user input.
import type { Queryable } from '../db/port';

export interface TimerTableOptions {
  /** The table, e.g. "timers" (unqualified: the service's schema is on its search_path). */
  table: string;
  /** Its primary-key column holding the key (uuid or text). Default "key". */
  keyColumn?: string;
}

export interface DueTimer {
  key: string;
  fireAt: Date;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

export class TimerTable {
  private readonly table: string;
  private readonly key: string;

  constructor(options: TimerTableOptions) {
    this.table = identifier(options.table);
    this.key = identifier(options.keyColumn ?? 'key');
  }

  /** Adds a timer; a second one for the same key is ignored (the first fire time stands). */
  async insert(db: Queryable, key: string, fireAt: Date): Promise<void> {
    await db.query(`INSERT INTO ${this.table} (${this.key}, fire_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [key, fireAt.toISOString()]);
  }

  /**
   * Deletes up to `limit` due timers and returns them. Rows another replica is claiming are
   * skipped, so each timer is claimed by one transaction; a rollback puts it back.
   */
  async claimDue(db: Queryable, limit: number): Promise<DueTimer[]> {
    const rows = await db.query<{ key: string; fire_at: Date | string }>(
      `DELETE FROM ${this.table} WHERE ${this.key} IN (
         SELECT ${this.key} FROM ${this.table} WHERE fire_at <= now() ORDER BY fire_at LIMIT $1 FOR UPDATE SKIP LOCKED
       ) RETURNING ${this.key}::text AS key, fire_at`,
      [limit],
    );
    return rows.map(toTimer);
  }

  /** The earliest pending fire time, or undefined when no timer is pending. */
  async nextFireAt(db: Queryable): Promise<Date | undefined> {
    const rows = await db.query<{ fire_at: Date | string }>(`SELECT fire_at FROM ${this.table} ORDER BY fire_at LIMIT 1`);
    return rows[0] ? new Date(rows[0].fire_at) : undefined;
  }

  /** Up to `limit` rows, earliest first, without claiming them (the hand-off pump). */
  async pending(db: Queryable, limit: number): Promise<DueTimer[]> {
    const rows = await db.query<{ key: string; fire_at: Date | string }>(
      `SELECT ${this.key}::text AS key, fire_at FROM ${this.table} ORDER BY fire_at LIMIT $1`, [limit],
    );
    return rows.map(toTimer);
  }

  async delete(db: Queryable, keys: string[]): Promise<void> {
    // The parameter takes the key column's array type (uuid[] or text[]), so the index is used.
    await db.query(`DELETE FROM ${this.table} WHERE ${this.key} = ANY($1)`, [keys]);
  }
}

function toTimer(row: { key: string; fire_at: Date | string }): DueTimer {
  return { key: row.key, fireAt: new Date(row.fire_at) };
}
