// The auth process. Without JWT_PRIVATE_KEY it generates a development key into AUTH_KEY_FILE (with
// a warning) so `npm run start:infra` works out of the box; production must set JWT_PRIVATE_KEY.
// With REDIS_URL the replicas share their sign-in attempt counters there.
import { Redis } from 'ioredis';
import { runServiceProcess, type Logger } from '@ticketing/common';
import { createAuthService } from './app';
import { authConfigSchema } from './config';
import { resolveSigningKey } from './signing-key';

await runServiceProcess({
  name: 'auth',
  configSchema: authConfigSchema,
  build: async (config, deps) => createAuthService({
    ...deps, config, signingKey: await resolveSigningKey(config, deps.logger),
    attemptStore: config.REDIS_URL ? connectAttemptStore(config.REDIS_URL, deps.logger) : undefined,
  }),
});

/** Fails fast while Redis is away (no offline queue): the limiter then counts in memory. */
function connectAttemptStore(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', (error) => logger.warn({ err: error }, 'attempt counters: Redis unavailable, counting in memory'));
  return redis;
}
