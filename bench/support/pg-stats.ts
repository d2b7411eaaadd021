// PostgreSQL's own counters around a measured window, for P8's "calls / commits / WAL syncs per
// reservation". Read-only: nothing here changes the server's configuration.
//   - pg_stat_statements (statement calls per database), when the extension is loadable: it needs
//     shared_preload_libraries, and the shared server is not restarted or reconfigured for the bench;
//     without it, calls are reported as unavailable.
//   - pg_stat_database: commits, rollbacks and rows written in the given databases.
//   - pg_stat_wal: WAL records, bytes, writes and syncs — cluster-wide (other users of the same
//     server are in these too).
// The counters are per backend until flushed: a busy backend flushes at most once a second, an idle
// one within 10 s (PGSTAT_IDLE_INTERVAL), so take a snapshot only after FLUSH_WAIT_MS of quiet.
import pg from 'pg';

export const FLUSH_WAIT_MS = 11_000;

export interface DatabaseCounters { commits: number; rollbacks: number; inserted: number; updated: number; deleted: number; fetched: number }
export interface WalCounters { records: number; bytes: number; writes: number; syncs: number }
export interface PgSnapshot {
  databases: Record<string, DatabaseCounters>;
  wal: WalCounters | null;
  /** Statement calls per database from pg_stat_statements; null when the extension is not loaded. */
  calls: Record<string, number> | null;
}

async function withClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Is pg_stat_statements usable without touching the server's configuration? Creates the extension in `database` if it can. */
export async function statementStatsAvailable(adminUrl: string): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ libraries: string }>("SELECT current_setting('shared_preload_libraries') AS libraries");
    if (!rows[0].libraries.split(',').map((name) => name.trim()).includes('pg_stat_statements')) return false;
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      return true;
    } catch {
      return false;
    }
  });
}

/** One snapshot of the counters of `databases` (names) plus the server's WAL counters. */
export async function pgSnapshot(adminUrl: string, databases: string[], withStatements: boolean): Promise<PgSnapshot> {
  return withClient(adminUrl, async (client) => {
    const db = await client.query<{ datname: string } & Record<keyof DatabaseCounters, string>>(
      `SELECT datname, xact_commit AS commits, xact_rollback AS rollbacks, tup_inserted AS inserted, tup_updated AS updated,
              tup_deleted AS deleted, tup_fetched AS fetched
         FROM pg_stat_database WHERE datname = ANY($1)`, [databases]);
    const counters: Record<string, DatabaseCounters> = {};
    for (const row of db.rows) {
      counters[row.datname] = {
        commits: Number(row.commits), rollbacks: Number(row.rollbacks), inserted: Number(row.inserted),
        updated: Number(row.updated), deleted: Number(row.deleted), fetched: Number(row.fetched),
      };
    }
    let wal: WalCounters | null = null;
    try {
      const { rows } = await client.query<Record<keyof WalCounters, string>>(
        'SELECT wal_records AS records, wal_bytes AS bytes, wal_write AS writes, wal_sync AS syncs FROM pg_stat_wal');
      wal = { records: Number(rows[0].records), bytes: Number(rows[0].bytes), writes: Number(rows[0].writes), syncs: Number(rows[0].syncs) };
    } catch { /* before PostgreSQL 14 */ }
    let calls: Record<string, number> | null = null;
    if (withStatements) {
      const { rows } = await client.query<{ datname: string; calls: string }>(
        `SELECT d.datname, sum(s.calls) AS calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = ANY($1) GROUP BY d.datname`, [databases]);
      calls = Object.fromEntries(rows.map((row) => [row.datname, Number(row.calls)]));
    }
    return { databases: counters, wal, calls };
  });
}

export interface PgDelta {
  /** Per database and all of them together. */
  databases: Record<string, DatabaseCounters>;
  total: DatabaseCounters;
  wal: WalCounters | null;
  calls: { total: number; byDatabase: Record<string, number> } | null;
}

export function pgDelta(before: PgSnapshot, after: PgSnapshot): PgDelta {
  const zero = (): DatabaseCounters => ({ commits: 0, rollbacks: 0, inserted: 0, updated: 0, deleted: 0, fetched: 0 });
  const databases: Record<string, DatabaseCounters> = {};
  const total = zero();
  for (const [name, later] of Object.entries(after.databases)) {
    const earlier = before.databases[name] ?? zero();
    const delta = zero();
    for (const key of Object.keys(delta) as Array<keyof DatabaseCounters>) {
      delta[key] = later[key] - earlier[key];
      total[key] += delta[key];
    }
    databases[name] = delta;
  }
  const wal = before.wal && after.wal ? {
    records: after.wal.records - before.wal.records, bytes: after.wal.bytes - before.wal.bytes,
    writes: after.wal.writes - before.wal.writes, syncs: after.wal.syncs - before.wal.syncs,
  } : null;
  let calls: PgDelta['calls'] = null;
  if (before.calls && after.calls) {
    const byDatabase = Object.fromEntries(Object.entries(after.calls).map(([name, n]) => [name, n - (before.calls![name] ?? 0)]));
    calls = { total: Object.values(byDatabase).reduce((sum, n) => sum + n, 0), byDatabase };
  }
  return { databases, total, wal, calls };
}
