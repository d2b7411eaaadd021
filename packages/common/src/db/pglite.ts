// Embedded PostgreSQL (PGlite, WASM). One PGlite instance holds every service's schema (one
// instance per service would cost ~300 MB each, over our 1 GiB budget); each service's Db sets
// its own search_path inside every operation, so services stay apart as with separate databases.
import { PGlite } from '@electric-sql/pglite';
import type { Db, Tx } from './port';
import { transactionWithOutbox } from './outbox-writer';
import { quoteIdent } from './postgres';

type PgliteTx = Parameters<Parameters<PGlite['transaction']>[0]>[0];

export class PgliteHost {
  private constructor(readonly pglite: PGlite) {}

  /** dataDir undefined → in memory (tests). */
  static async open(dataDir?: string): Promise<PgliteHost> {
    const pglite = dataDir ? await PGlite.create({ dataDir }) : await PGlite.create();
    return new PgliteHost(pglite);
  }

  static fromInstance(pglite: PGlite): PgliteHost {
    return new PgliteHost(pglite);
  }

  async database(schema: string): Promise<Db> {
    await this.pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    return createPgliteDb(this.pglite, schema);
  }

  async close(): Promise<void> {
    await this.pglite.close();
  }
}

function createPgliteDb(pglite: PGlite, schema: string): Db {
  const setPath = `SET LOCAL search_path TO ${quoteIdent(schema)}`;
  const listeners: Array<() => void> = [];
  let closed = false;
  const run = async <T>(fn: (tx: PgliteTx) => Promise<T>): Promise<T> => {
    if (closed) throw new Error('database closed');
    return pglite.transaction(async (tx) => {
      await tx.exec(setPath);
      return fn(tx);
    });
  };

  return {
    kind: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      return run(async (tx) => (await tx.query<T>(sql, params)).rows);
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      let published = false;
      const result = await run((raw) => fn(transactionWithOutbox(
        { query: async <R>(sql: string, params?: unknown[]) => (await raw.query<R>(sql, params)).rows },
        () => { published = true; },
      )));
      if (published) listeners.forEach((listener) => listener());
      return result;
    },
    onEventsCommitted(listener) { listeners.push(listener); },
    async ping() { await run((tx) => tx.query('SELECT 1')); },
    async close() { closed = true; },
  };
}
