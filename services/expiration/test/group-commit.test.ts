// Group commit: concurrent expiries share transactions; a failure fails (and rolls back) the group.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, TimerTable, type Db, type Queryable } from '@ticketing/common';
import { openTestPostgres, type TestDb } from '@ticketing/common/testing/index';
import { groupCommit } from '../src/db/group-commit';
import { migrationsDir } from '../src/db/migrations-dir';

/** The real database, counting the transactions opened through it. */
function countingTransactions(db: Db): { db: Db; count: () => number } {
  let transactions = 0;
  const counted: Db = Object.create(db) as Db;
  counted.transaction = (fn) => { transactions++; return db.transaction(fn); };
  return { db: counted, count: () => transactions };
}

/** Expiration's timers table, as the db scheduler writes it: a real write for the groups to commit. */
const timers = new TimerTable({ table: 'timers', keyColumn: 'order_id' });
const insertTimer = (db: Queryable, orderId: string, fireAt: Date) => timers.insert(db, orderId, fireAt);

const countTimers = async (db: Db, orderIds: string[]) =>
  (await db.query<{ n: number }>('SELECT count(*)::int4 AS n FROM timers WHERE order_id = ANY($1::uuid[])', [orderIds]))[0].n;

describe('group commit', () => {
  let database: TestDb;
  beforeAll(async () => {
    database = await openTestPostgres('expiration');
    await migrate(database.db, migrationsDir);
  });
  afterAll(async () => { await database.close(); });

  it('writes 150 concurrent items in far fewer transactions, all committed', async () => {
    const counting = countingTransactions(database.db);
    const write = groupCommit(counting.db, (tx, orderId: string) => insertTimer(tx, orderId, new Date()));
    const orderIds = Array.from({ length: 150 }, () => randomUUID());

    await Promise.all(orderIds.map((orderId) => write(orderId)));
    expect(await countTimers(database.db, orderIds)).toBe(150);
    expect(counting.count()).toBeLessThanOrEqual(5);
  });

  it('caps a group at maxGroup items', async () => {
    const counting = countingTransactions(database.db);
    const write = groupCommit(counting.db, (tx, orderId: string) => insertTimer(tx, orderId, new Date()), { maxGroup: 10 });
    const orderIds = Array.from({ length: 35 }, () => randomUUID());

    await Promise.all(orderIds.map((orderId) => write(orderId)));
    expect(counting.count()).toBe(4);
    expect(await countTimers(database.db, orderIds)).toBe(35);
  });

  it('rejects every caller of a failed group and commits none of its items', async () => {
    const poison = randomUUID();
    const write = groupCommit(database.db, async (tx, orderId: string) => {
      if (orderId === poison) throw new Error('write failed');
      await insertTimer(tx, orderId, new Date());
    });
    const orderIds = [randomUUID(), poison, randomUUID()];

    const outcomes = await Promise.allSettled(orderIds.map((orderId) => write(orderId)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await countTimers(database.db, orderIds)).toBe(0);
  });
});
