// Test databases: a fresh schema on the machine's PostgreSQL per suite (parallel-safe), or an
// in-memory PGlite loaded from a cached template (initdb once, ~1 s per instance afterwards).
import { PGlite } from '@electric-sql/pglite';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/port';
import { createPostgresDb, dropSchema, ensureDatabase, ensureSchema } from '../db/postgres';
import { PgliteHost } from '../db/pglite';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ticketing_test';

export interface TestDb {
  db: Db;
  /** Schema name (also usable as a unique prefix for this suite). */
  schema: string;
  close(): Promise<void>;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

export async function openTestPostgres(prefix = 't', poolSize = 20): Promise<TestDb> {
  const schema = uniqueName(prefix);
  await ensureDatabase(TEST_DATABASE_URL);
  await ensureSchema(TEST_DATABASE_URL, schema);
  const db = createPostgresDb({ url: TEST_DATABASE_URL, schema, poolSize });
  return {
    db, schema,
    async close() {
      await db.close();
      await dropSchema(TEST_DATABASE_URL, schema);
    },
  };
}

const templatePath = join(process.cwd(), 'node_modules', '.cache', 'ticketing', 'pglite-template.tar.gz');

async function templateBlob(): Promise<Blob> {
  if (existsSync(templatePath)) return new Blob([readFileSync(templatePath)]);
  const fresh = await PGlite.create();
  const blob = await fresh.dumpDataDir('gzip');
  await fresh.close();
  mkdirSync(join(templatePath, '..'), { recursive: true });
  const temporary = `${templatePath}.${process.pid}`;
  writeFileSync(temporary, Buffer.from(await blob.arrayBuffer()));
  renameSync(temporary, templatePath);
  return blob;
}

export async function openTestPglite(prefix = 't'): Promise<TestDb & { host: PgliteHost }> {
  const pglite = await PGlite.create({ loadDataDir: await templateBlob() });
  const host = PgliteHost.fromInstance(pglite);
  const schema = uniqueName(prefix);
  const db = await host.database(schema);
  return { db, schema, host, close: () => host.close() };
}

export type TestDbKind = 'postgres' | 'pglite';
export function openTestDb(kind: TestDbKind, prefix?: string): Promise<TestDb> {
  return kind === 'postgres' ? openTestPostgres(prefix) : openTestPglite(prefix);
}
