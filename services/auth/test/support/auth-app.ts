// An auth service on a test database (PostgreSQL schema or in-memory PGlite), in-process bus,
// a fresh signing key, driven through HTTP with inject.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createBus, silentLogger, type ManagedBus, type Service } from '@ticketing/common';
import { openTestDb, type TestDb, type TestDbKind } from '@ticketing/common/testing/index';
import { createAuthService } from '../../src/app';
import type { AuthSettings } from '../../src/config';
import type { ScryptParams } from '../../src/password';
import { generateSigningKey, type SigningKey } from '../../src/signing-key';

export const dbKinds: TestDbKind[] = ['postgres', 'pglite'];

export interface AuthTestApp {
  service: Service;
  signingKey: SigningKey;
  db: TestDb;
  close(): Promise<void>;
}

/** scrypt at a test cost: suites sign up many users (password.test.ts covers OWASP's default). */
export const testPasswordParams = { N: 1024, r: 8, p: 1 };

/** Tests share one client address (127.0.0.1), so the attempt limit is high unless a test sets it. */
export async function openAuthApp(
  kind: TestDbKind, settings: Partial<AuthSettings> = {}, attemptStore?: Redis,
  options: { passwordParams?: ScryptParams } = { passwordParams: testPasswordParams },
): Promise<AuthTestApp> {
  const db = await openTestDb(kind, 'auth');
  const bus: ManagedBus = await createBus('memory://');
  const signingKey = await generateSigningKey();
  const service = await createAuthService({
    db: db.db, bus, logger: silentLogger(), signingKey, attemptStore, passwordParams: options.passwordParams,
    config: { JWT_TTL_SECONDS: 86_400, COOKIE_SECURE: true, AUTH_RATE_LIMIT_PER_MINUTE: 10_000, ...settings },
  });
  await service.start();
  return {
    service, signingKey, db,
    async close() {
      await service.stop();
      await bus.close();
      await db.close();
    },
  };
}

export function uniqueEmail(): string {
  return `user-${randomUUID().slice(0, 12)}@example.com`;
}

/** The `session=<jwt>` pair from a response's Set-Cookie, ready for a Cookie header. */
export function sessionCookieOf(response: { cookies: Array<{ name: string; value: string }> }): string {
  const cookie = response.cookies.find((candidate) => candidate.name === 'session');
  if (!cookie) throw new Error('response set no session cookie');
  return `session=${cookie.value}`;
}
