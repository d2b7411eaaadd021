// PostgreSQL adapter (node-postgres pool). A `schema` confines the service (or a test suite) to
// its own schema through the connection's search_path.
import pg from 'pg';
import type { Db, Tx } from './port';
import { transactionWithOutbox } from './outbox-writer';

// int8 and numeric as JS numbers on both adapters (PGlite already does): our values fit.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * Our SQL is a fixed set of texts with parameters, run thousands of times: each is sent as a named
 * prepared statement, which PostgreSQL parses and plans once per connection instead of on every
 * call. Statements without parameters (DDL, migrations, several statements at once) are sent as
 * they are; past MAX_PREPARED distinct texts, the rest are too.
 */
const MAX_PREPARED = 1000;
const statementNames = new Map<string, string>();

function statement(sql: string, params?: unknown[]): pg.QueryConfig {
  if (!params || params.length === 0) return { text: sql };
  let name = statementNames.get(sql);
  if (!name && statementNames.size < MAX_PREPARED) statementNames.set(sql, (name = `ticketing_${statementNames.size}`));
  return { name, text: sql, values: params };
}

export interface PostgresOptions {
  url: string;
  schema?: string;
  poolSize?: number;
}

export function createPostgresDb(options: PostgresOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    options: options.schema ? `-c search_path=${quoteIdent(options.schema)}` : undefined,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const listeners: Array<() => void> = [];

  return {
    kind: 'postgres',
    async query(sql, params) {
      return (await pool.query(statement(sql, params))).rows;
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let published = false;
      try {
        await client.query('BEGIN');
        const tx = transactionWithOutbox({ query: async (sql, params) => (await client.query(statement(sql, params))).rows }, () => { published = true; });
        const result = await fn(tx);
        await client.query('COMMIT');
        if (published) listeners.forEach((listener) => listener());
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    onEventsCommitted(listener) { listeners.push(listener); },
    async ping() { await pool.query('SELECT 1'); },
    async close() { await pool.end(); },
  };
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid identifier: ${name}`);
  return `"${name}"`;
}

/** Creates the database if it does not exist (infra mode: one database per service). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`).catch((error) => {
        if (!String(error.message).includes('already exists')) throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/** Runs fn on a one-off connection (schema housekeeping outside any pool). */
async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function ensureSchema(url: string, schema: string): Promise<void> {
  await withClient(url, async (client) => {
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    } catch (error) {
      // Two processes creating the same schema at once: the loser sees a unique violation.
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  });
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`));
}
