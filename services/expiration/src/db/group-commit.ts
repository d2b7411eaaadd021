// Group commit: items submitted in the same tick are written in one transaction, and each
// caller's promise settles with that transaction (a failure fails the whole group, and each
// caller retries on its own). Bounded by maxGroup items per transaction.
import type { Db, Tx } from '@ticketing/common';

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function groupCommit<T>(db: Db, write: (tx: Tx, item: T) => Promise<void>, options: { maxGroup?: number } = {}): (item: T) => Promise<void> {
  const maxGroup = options.maxGroup ?? 200;
  let pending: Pending<T>[] = [];
  let flushScheduled = false;

  const flush = () => {
    flushScheduled = false;
    const group = pending.slice(0, maxGroup);
    pending = pending.slice(group.length);
    if (pending.length > 0) scheduleFlush();
    db.transaction(async (tx) => {
      for (const entry of group) await write(tx, entry.item);
    }).then(
      () => group.forEach((entry) => entry.resolve()),
      (error: unknown) => group.forEach((entry) => entry.reject(error)),
    );
  };
  const scheduleFlush = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  };

  return (item) => new Promise<void>((resolve, reject) => {
    pending.push({ item, resolve, reject });
    scheduleFlush();
  });
}
