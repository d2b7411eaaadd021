// createAuthService: users, credentials and sessions. Auth checks the sessions it issued with its
// own public key, so it needs no JWKS URL (and no copy of itself running) to know who is signed in.
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { createService, createSessionVerifier, RevocationList, type Service, type ServiceDeps } from '@ticketing/common';
import { createAttemptLimiter } from './attempt-limiter';
import type { AuthContext } from './auth-context';
import type { AuthSettings } from './config';
import { createPasswordHasher, type ScryptParams } from './password';
import { getCurrentUserRoute } from './routes/get-current-user.route';
import { getJwksRoute } from './routes/get-jwks.route';
import { signinRoute } from './routes/signin.route';
import { signoutAllRoute } from './routes/signout-all.route';
import { signoutRoute } from './routes/signout.route';
import { signupRoute } from './routes/signup.route';
import { createSessionTokens, jwksOf } from './session-token';
import type { SigningKey } from './signing-key';

export type AuthServiceDeps = Omit<ServiceDeps, 'verifySession'> & {
  /** Ignored: auth verifies with its own key. Accepted so callers can pass the usual deps. */
  verifySession?: ServiceDeps['verifySession'];
  config: AuthSettings;
  signingKey: SigningKey;
  /** Shared attempt counters for several replicas; without it they are in memory. */
  attemptStore?: Redis;
  /** scrypt parameters for new hashes: tests only (the default is OWASP's N = 2^17, r = 8, p = 1). */
  passwordParams?: ScryptParams;
};

export async function createAuthService({ config, signingKey, attemptStore, passwordParams, ...deps }: AuthServiceDeps): Promise<Service> {
  const context: AuthContext = {
    db: deps.db,
    tokens: createSessionTokens(signingKey, config.JWT_TTL_SECONDS),
    cookies: { secure: config.COOKIE_SECURE, maxAgeSeconds: config.JWT_TTL_SECONDS },
    attempts: createAttemptLimiter(config.AUTH_RATE_LIMIT_PER_MINUTE, attemptStore),
    passwords: createPasswordHasher(passwordParams),
    signingKey,
    revocations: new RevocationList(),
  };
  return createService({
    name: 'auth',
    group: 'auth-service',
    migrationsDir: fileURLToPath(new URL('./db/migrations', import.meta.url)),
    revocations: context.revocations,
    routes(app) {
      signupRoute(app, context);
      signinRoute(app, context);
      signoutRoute(app, context);
      signoutAllRoute(app, context);
      getCurrentUserRoute(app);
      getJwksRoute(app, context);
    },
  }, { ...deps, verifySession: createSessionVerifier({ jwks: jwksOf(signingKey) }) });
}
