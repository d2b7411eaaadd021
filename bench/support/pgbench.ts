// P8's baseline: pgbench (PostgreSQL's own load generator, no Node, no HTTP) running the orders
// service's reservation transaction on the same PostgreSQL — the database's own limit for it.
// The transaction is the one POST /api/orders commits (services/orders/src/routes/create-order.route.ts):
// BEGIN; read the ticket replica; INSERT the order (ON CONFLICT on the partial unique index,
// RETURNING it); INSERT the order:created outbox row; COMMIT — 5 round trips, prepared statements,
// into copies of the orders service's tables (LIKE … INCLUDING ALL: the same indexes, checks and
// defaults, plus the foreign key to the replica) in the stack's orders database, so no relay reads them.
// Each client works through tickets of its own (n = client_id × 1,000,000 + i): every order is for a
// ticket nobody holds, as in P8's load. pgbench takes every ":name" for a variable, inside string
// literals too: 'awaiting:payment' is written E'awaiting\x3apayment' (the same constant), and so on.
// pgbench comes with Debian's postgresql-client package.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { queryDb } from './seed';

const run = promisify(execFile);

export interface PgbenchOptions {
  clients: number;
  seconds: number;
  /** An order:created envelope and headers as the service writes them (the outbox row's size matters for WAL). */
  envelope: string;
  headers: string;
  /** Around the run, for CPU accounting while pgbench runs. */
  onStart?: () => void;
  onEnd?: () => void;
}

export interface PgbenchResult {
  clients: number;
  threads: number;
  seconds: number;
  transactions: number;
  failed: number;
  tps: number;
  latencyAverageMs: number;
  /** Rows in the copy of orders afterwards: equals transactions when each one made its order. */
  ordersInserted: number;
  script: string;
}

/** Tickets provisioned per client: enough for 40,000 transactions/s of one client for `seconds`. */
const ticketsPerClient = (seconds: number) => Math.max(20_000, 5_000 * seconds);

export function pgbenchPath(): string | null {
  try {
    return execFileSync('which', ['pgbench'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export const PGBENCH_SCRIPT = `\\set i :i + 1
\\set n :client_id * 1000000 + :i
BEGIN;
SELECT id AS ticket_id, title, price_cents, user_id AS seller_id, version, generation FROM p8_tickets WHERE n = :n \\gset
INSERT INTO p8_orders (id, user_id, ticket_id, status, expires_at, ticket_title, ticket_price_cents, ticket_version, ticket_generation)
  VALUES (gen_random_uuid(), :buyer, :ticket_id, 'created', now() + interval '15 minutes', :title, :price_cents, :version, :generation)
  ON CONFLICT (ticket_id, ticket_generation) WHERE status IN ('created', E'awaiting\\x3apayment', 'complete') DO NOTHING
  RETURNING id, user_id AS "userId", ticket_id AS "ticketId", status, expires_at AS "expiresAt", version,
    json_build_object('id', ticket_id, 'title', ticket_title, 'priceCents', ticket_price_cents, 'version', ticket_version,
      'generation', ticket_generation) AS ticket;
INSERT INTO p8_outbox (id, subject, envelope, headers) VALUES (gen_random_uuid(), E'order\\x3acreated', :envelope, :headers);
END;
`;

async function prepareTables(databaseUrl: string, clients: number, perClient: number): Promise<void> {
  await queryDb(databaseUrl, `
    DROP TABLE IF EXISTS p8_outbox, p8_orders, p8_tickets;
    DROP SEQUENCE IF EXISTS p8_outbox_seq;
    CREATE TABLE p8_tickets (LIKE tickets INCLUDING ALL, n int8 NOT NULL UNIQUE);
    INSERT INTO p8_tickets (id, title, price_cents, user_id, version, n)
      SELECT gen_random_uuid(), 'Bench concert', 2500, gen_random_uuid(), 1, c * 1000000 + i
        FROM generate_series(0, ${clients}) c, generate_series(1, ${perClient}) i;
    CREATE TABLE p8_orders (LIKE orders INCLUDING ALL);
    ALTER TABLE p8_orders ADD FOREIGN KEY (ticket_id) REFERENCES p8_tickets (id);
    CREATE SEQUENCE p8_outbox_seq;
    CREATE TABLE p8_outbox (LIKE outbox INCLUDING ALL);
    ALTER TABLE p8_outbox ALTER COLUMN seq SET DEFAULT nextval('p8_outbox_seq');
    ANALYZE p8_tickets;`);
}

const number = (output: string, pattern: RegExp) => {
  const match = pattern.exec(output);
  return match ? Number(match[1]) : NaN;
};

/** Runs the reservation transaction with pgbench against `databaseUrl` (the stack's orders database). */
export async function runPgbench(databaseUrl: string, options: PgbenchOptions): Promise<PgbenchResult> {
  const binary = pgbenchPath();
  if (!binary) throw new Error('pgbench not found (Debian: apt-get install postgresql-client)');
  const { clients, seconds } = options;
  const threads = Math.min(2, clients);
  await prepareTables(databaseUrl, clients, ticketsPerClient(seconds));
  const dir = mkdtempSync(join(tmpdir(), 'bench-pgbench-'));
  const scriptFile = join(dir, 'reserve.sql');
  writeFileSync(scriptFile, PGBENCH_SCRIPT);
  try {
    options.onStart?.();
    const { stdout } = await run(binary, [
      '--no-vacuum', '--protocol=prepared', `--client=${clients}`, `--jobs=${threads}`, `--time=${seconds}`,
      `--file=${scriptFile}`, '-D', 'i=0', '-D', `buyer=${crypto.randomUUID()}`,
      '-D', `envelope=${options.envelope}`, '-D', `headers=${options.headers}`, databaseUrl,
    ], { timeout: (seconds + 60) * 1000, maxBuffer: 16 * 1024 * 1024 }).finally(() => options.onEnd?.());
    const [{ n: ordersInserted }] = await queryDb<{ n: number }>(databaseUrl, 'SELECT count(*)::int AS n FROM p8_orders');
    return {
      clients, threads, seconds,
      transactions: number(stdout, /number of transactions actually processed: (\d+)/),
      failed: number(stdout, /number of failed transactions: (\d+)/) || 0,
      tps: Math.round(number(stdout, /tps = ([\d.]+)/)),
      latencyAverageMs: number(stdout, /latency average = ([\d.]+) ms/),
      ordersInserted,
      script: PGBENCH_SCRIPT,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await queryDb(databaseUrl, 'DROP TABLE IF EXISTS p8_outbox, p8_orders, p8_tickets; DROP SEQUENCE IF EXISTS p8_outbox_seq').catch(() => undefined);
  }
}
