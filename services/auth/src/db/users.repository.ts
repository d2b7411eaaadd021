// The SQL for the users table.
import { randomUUID } from 'node:crypto';
import { isPgError, PgError, type Queryable } from '@ticketing/common';

export interface User {
  id: string;
  email: string;
  passwordHash: string;
}

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
}

const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, passwordHash: row.password_hash });

/** Inserts the user, or returns null when the email is taken (the unique constraint decides). */
export async function insertUser(db: Queryable, user: { email: string; passwordHash: string }): Promise<User | null> {
  try {
    const rows = await db.query<UserRow>(
      'INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3) RETURNING id, email, password_hash',
      [randomUUID(), user.email, user.passwordHash],
    );
    return toUser(rows[0]);
  } catch (error) {
    if (isPgError(error, PgError.uniqueViolation)) return null;
    throw error;
  }
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | null> {
  const rows = await db.query<UserRow>('SELECT id, email, password_hash FROM users WHERE email = $1', [email]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** Replaces the hash sign-in just verified (unless a concurrent sign-in replaced it first). */
export async function replacePasswordHash(db: Queryable, user: User, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3', [passwordHash, user.id, user.passwordHash]);
}
