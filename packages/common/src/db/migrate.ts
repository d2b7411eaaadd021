// Plain SQL migrations: files `NNNN_name.sql` applied in name order, each once, tracked in
// `schema_migrations`. The kernel's own (outbox, inbox) come first. Replicas starting together
// serialise on an advisory lock.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './port';

export const kernelMigrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

export async function migrate(db: Db, serviceMigrationsDir: string): Promise<string[]> {
  const files = [
    ...(await sqlFiles(kernelMigrationsDir)).map((name) => ({ name: `kernel/${name}`, path: join(kernelMigrationsDir, name) })),
    ...(await sqlFiles(serviceMigrationsDir)).map((name) => ({ name, path: join(serviceMigrationsDir, name) })),
  ];
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.migrations'))");
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file.name)) continue;
      for (const statement of splitStatements(await readFile(file.path, 'utf8'))) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file.name]);
      applied.push(file.name);
    }
    return applied;
  });
}

async function sqlFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** One statement per query (the extended protocol takes one). Our migrations use no `;` inside bodies. */
function splitStatements(sql: string): string[] {
  return sql
    .split('\n').filter((line) => !line.trim().startsWith('--')).join('\n')
    .split(';').map((statement) => statement.trim()).filter(Boolean);
}
