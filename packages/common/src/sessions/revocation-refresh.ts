// Replicas of a service share its database but not their memory, and the bus hands each
// session:revoked to one replica of the group: every replica therefore reads, twice a second, what
// was recorded lately, so a revocation reaches all of them within about a second. Each read looks
// back a minute more than the last one did (rows commit a little after they are written; the
// list ignores what it already has). One process alone on its database (PGlite, embedded mode)
// sees every row as its own consumer records it and needs no refresh.
import type { Db } from '../db/port';
import type { Logger } from '../logger';
import type { RevocationList } from './revocation-list';
import { databaseNow, deleteExpiredRevocations, revocationsRecordedSince, unexpiredRevocations } from './revocations.repository';

export interface RevocationRefresh {
  stop(): void;
}

const lookBackMs = 60_000;
const pruneEveryMs = 10 * 60_000;

/** Loads every unexpired revocation, then (on PostgreSQL) keeps reading what other replicas record. */
export async function startRevocationRefresh(options: { db: Db; list: RevocationList; logger: Logger; intervalMs?: number }): Promise<RevocationRefresh> {
  const { db, list, logger } = options;
  const shared = db.kind === 'postgres';
  let since = await databaseNow(db);
  for (const revocation of await unexpiredRevocations(db)) list.remember(revocation);

  let lastPrune = Date.now();
  const refresh = async () => {
    if (shared) {
      const now = await databaseNow(db);
      for (const revocation of await revocationsRecordedSince(db, new Date(since.getTime() - lookBackMs))) list.remember(revocation);
      since = now;
    }
    if (Date.now() - lastPrune > pruneEveryMs) {
      lastPrune = Date.now();
      list.forgetExpired();
      await deleteExpiredRevocations(db);
    }
  };
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      refresh()
        .catch((error) => logger.warn({ err: error }, 'session revocations: refresh failed, keeping what is known'))
        .finally(() => { if (running) schedule(); });
    }, shared ? options.intervalMs ?? 500 : pruneEveryMs);
    timer.unref();
  };
  schedule();
  return { stop: () => { running = false; clearTimeout(timer); } };
}
