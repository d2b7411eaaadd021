// A fingerprint of everything the services store: each table's rows hashed (outbox and inbox by
// count, since the relay stamps sent_at on its own) — delivery's replicas, encrypted files, passes
// and check-ins among them —, plus the Stripe simulator's payment intents, connected accounts and
// transfers (Account Links are single-use tokens, not data: not counted).
// Two equal fingerprints mean a request changed no data.
import { waitFor } from '@ticketing/common/testing/index';
import type { Db } from '@ticketing/common';
import { serviceNames, type Marketplace } from './marketplace';

export type Snapshot = Record<string, string | number>;

const countedOnly = new Set(['outbox', 'inbox']);

// The tables are fixed once the services have migrated: listed once per database, then each
// snapshot is one query per service (the R6 suite takes one after every generated request).
const tablesOf = new WeakMap<Db, Promise<string[]>>();

function tables(db: Db): Promise<string[]> {
  let listed = tablesOf.get(db);
  if (!listed) {
    listed = db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name",
    ).then((rows) => rows.map((row) => row.table_name));
    tablesOf.set(db, listed);
  }
  return listed;
}

export async function snapshot(market: Marketplace): Promise<Snapshot> {
  const result: Snapshot = {};
  const perService = await Promise.all(serviceNames.map(async (name) => {
    const db = market.dbs[name];
    const fingerprints = (await tables(db)).map((table) => (countedOnly.has(table)
      ? `SELECT '${table}' AS name, count(*)::text AS value FROM ${table}`
      : `SELECT '${table}' AS name, coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), 'empty') AS value FROM ${table} t`));
    return { name, rows: await db.query<{ name: string; value: string }>(fingerprints.join(' UNION ALL ')) };
  }));
  for (const { name, rows } of perService) {
    for (const row of rows) result[`${name}.${row.name}`] = countedOnly.has(row.name) ? Number(row.value) : row.value;
  }
  result['stripe.paymentIntents'] = market.sim.paymentIntents().length;
  result['stripe.accounts'] = market.sim.accounts().length;
  result['stripe.transfers'] = market.sim.transfers().length;
  return result;
}

/** A snapshot taken once events of earlier requests stopped changing anything. */
export async function settledSnapshot(market: Marketplace): Promise<Snapshot> {
  await market.settle();
  let previous = await snapshot(market);
  return waitFor(async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const current = await snapshot(market);
    const same = JSON.stringify(current) === JSON.stringify(previous);
    previous = current;
    return same ? current : null;
  }, { what: 'data at rest' });
}
