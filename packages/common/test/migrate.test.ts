// Migrations: the kernel's first, then the service's files in name order, each once; a failing
// file leaves nothing behind; replicas starting together on one schema apply each file once.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate';
import type { Db } from '../src/db/port';
import { createPostgresDb } from '../src/db/postgres';
import { openTestDb, TEST_DATABASE_URL, type TestDb } from '../src/testing/databases';

const KERNEL = ['kernel/0000_outbox_inbox.sql', 'kernel/0001_session_revocations.sql'];

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'migrations-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

/** Writes migration files; each appends its name to applied_log so the order of application shows. */
async function writeMigrations(names: string[]): Promise<void> {
  for (const name of names) {
    const create = name.startsWith('0001') ? 'CREATE TABLE applied_log (seq serial PRIMARY KEY, name text NOT NULL);\n' : '';
    await writeFile(join(dir, name), `-- ${name}\n${create}INSERT INTO applied_log (name) VALUES ('${name}');\n`);
  }
}

async function appliedLog(db: Db): Promise<string[]> {
  return (await db.query<{ name: string }>('SELECT name FROM applied_log ORDER BY seq')).map((row) => row.name);
}

describe.each(['postgres', 'pglite'] as const)('migrate on %s', (kind) => {
  let testDb: TestDb;
  beforeEach(async () => { testDb = await openTestDb(kind, 'migrate'); });
  afterEach(async () => { await testDb.close(); });

  it('applies the kernel, then the service files in name order, each once', async () => {
    await writeMigrations(['0010_c.sql', '0001_a.sql', '0002_b.sql']);
    await writeFile(join(dir, 'README.md'), 'not a migration');

    expect(await migrate(testDb.db, dir)).toEqual([...KERNEL, '0001_a.sql', '0002_b.sql', '0010_c.sql']);
    expect(await migrate(testDb.db, dir)).toEqual([]);
    expect(await appliedLog(testDb.db)).toEqual(['0001_a.sql', '0002_b.sql', '0010_c.sql']);

    await writeMigrations(['0011_d.sql']);
    expect(await migrate(testDb.db, dir)).toEqual(['0011_d.sql']);
    expect(await appliedLog(testDb.db)).toEqual(['0001_a.sql', '0002_b.sql', '0010_c.sql', '0011_d.sql']);
  });

  it('creates the outbox and inbox even for a service without migrations', async () => {
    expect(await migrate(testDb.db, join(dir, 'missing'))).toEqual(KERNEL);
    expect(await testDb.db.query('SELECT * FROM outbox')).toEqual([]);
    expect(await testDb.db.query('SELECT * FROM inbox')).toEqual([]);
  });

  it('applies nothing of a run in which a file fails, and resumes once it is fixed', async () => {
    await writeMigrations(['0001_a.sql']);
    await writeFile(join(dir, '0002_broken.sql'), 'INSERT INTO applied_log (name) VALUES (\'0002\');\nSELECT no_such_column FROM applied_log;\n');

    await expect(migrate(testDb.db, dir)).rejects.toThrow(/no_such_column/);
    await expect(testDb.db.query('SELECT 1 FROM applied_log')).rejects.toThrow(/applied_log/);

    await writeFile(join(dir, '0002_broken.sql'), 'INSERT INTO applied_log (name) VALUES (\'0002_fixed\');\n');
    expect(await migrate(testDb.db, dir)).toEqual([...KERNEL, '0001_a.sql', '0002_broken.sql']);
    expect(await appliedLog(testDb.db)).toEqual(['0001_a.sql', '0002_fixed']);
  });
});

describe('migrate on PostgreSQL from replicas starting together', () => {
  let testDb: TestDb;
  const replicas: Db[] = [];
  beforeEach(async () => { testDb = await openTestDb('postgres', 'migrate'); });
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((replica) => replica.close()));
    await testDb.close();
  });

  it('applies each file exactly once and fails none of them', async () => {
    await writeMigrations(['0001_a.sql', '0002_b.sql', '0003_c.sql']);
    // Separate pools on one schema, like separate processes.
    for (let i = 0; i < 6; i++) replicas.push(createPostgresDb({ url: TEST_DATABASE_URL, schema: testDb.schema, poolSize: 2 }));

    const results = await Promise.all(replicas.map((replica) => migrate(replica, dir)));

    const applied = results.flat();
    expect(applied.sort()).toEqual([...KERNEL, '0001_a.sql', '0002_b.sql', '0003_c.sql'].sort());
    expect(results.filter((result) => result.length > 0)).toHaveLength(1);
    expect(await appliedLog(testDb.db)).toEqual(['0001_a.sql', '0002_b.sql', '0003_c.sql']);
  });
});
