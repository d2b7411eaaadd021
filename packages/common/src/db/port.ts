// The database port: the same SQL runs on PostgreSQL (infra mode, tests) and on embedded
// PostgreSQL (PGlite, embedded mode). Services see only this interface.
import type { EventData, Subject } from '../events/contracts';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A transaction. `publish` writes an outbox row that commits (or rolls back) with the rest. */
export interface Tx extends Queryable {
  publish<S extends Subject>(subject: S, data: EventData<S>): Promise<void>;
  /** `publish` for many events of one subject, in one statement, in the given order. */
  publishAll<S extends Subject>(subject: S, batch: EventData<S>[]): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Called after a transaction that published events commits (wakes the outbox relay). */
  onEventsCommitted(listener: () => void): void;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** SQLSTATE codes we act on. */
export const PgError = {
  uniqueViolation: '23505',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

export function isPgError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
