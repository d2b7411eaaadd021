// Tickets for the benchmarks, listed through the gateway like any seller does, and a wait until
// the orders replica knows them (an order for a ticket it does not know yet is a 404).
import pg from 'pg';
import { runLoad, unexpected } from './load';
import type { BenchUser, InfraStack } from './infra-stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lists `count` tickets for the seller; returns their ids, oldest first. */
export async function seedTickets(stack: InfraStack, seller: BenchUser, count: number): Promise<string[]> {
  const load = await runLoad({
    url: `${stack.gatewayUrl}/api/tickets`, connections: Math.min(20, count), amount: count, method: 'POST',
    headers: { cookie: seller.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Bench concert', price: '25.00' }),
  });
  const failed = unexpected(load, 201);
  if (failed) throw new Error(`seeding tickets: ${failed}`);
  const rows = await queryDb<{ id: string }>(stack.databaseUrls.tickets,
    'SELECT id FROM tickets WHERE user_id = $1 ORDER BY created_at, id', [seller.id]);
  if (rows.length !== count) throw new Error(`seeding tickets: ${rows.length} of ${count} in the database`);
  return rows.map((row) => row.id);
}

/** Waits until the orders service's ticket replica has every one of `ids`. */
export async function waitForOrdersReplica(stack: InfraStack, ids: string[], timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let known = 0;
  while (Date.now() < deadline) {
    [{ known }] = await queryDb<{ known: number }>(stack.databaseUrls.orders,
      'SELECT count(*)::int AS known FROM tickets WHERE id = ANY($1::uuid[])', [ids]);
    if (known === ids.length) return;
    await sleep(250);
  }
  throw new Error(`the orders replica knows ${known} of ${ids.length} tickets after ${timeoutMs / 1000} s`);
}

export async function queryDb<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
