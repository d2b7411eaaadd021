// A fingerprint of everything the services store: each table's rows hashed (outbox and inbox by
// count, since the relay stamps sent_at on its own), plus the Stripe simulator's payment intents.
// Two equal fingerprints mean a request changed no data.
import { waitFor } from '@ticketing/common/testing/index';
import { serviceNames, type Marketplace } from './marketplace';

export type Snapshot = Record<string, string | number>;

const countedOnly = new Set(['outbox', 'inbox']);

export async function snapshot(market: Marketplace): Promise<Snapshot> {
  const result: Snapshot = {};
  for (const name of serviceNames) {
    const db = market.dbs[name];
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name");
    for (const { table_name: table } of tables) {
      const [row] = countedOnly.has(table)
        ? await db.query<{ value: number }>(`SELECT count(*)::int AS value FROM ${table}`)
        : await db.query<{ value: string }>(`SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), 'empty') AS value FROM ${table} t`);
      result[`${name}.${table}`] = row.value;
    }
  }
  result['stripe.paymentIntents'] = market.sim.paymentIntents().length;
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
