// Sign-in and sign-up attempts per client address and per email (api.md: default 10 / minute), so
// neither one address guessing many passwords nor many addresses guessing one account get far.
// With Redis (REDIS_URL) every replica counts in the same place; without it (embedded mode, one
// process) the counters live in memory. If Redis is unreachable each replica counts on its own
// in memory until it is back: a weaker limit, never a sign-in refused for the store's sake.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { TooManyRequests } from '@ticketing/common';

export interface AttemptLimiter {
  /** Counts one attempt; throws TooManyRequests (429 + Retry-After) over the limit. */
  consume(clientAddress: string, email: string): Promise<void>;
}

export function createAttemptLimiter(perMinute: number, redis?: Redis): AttemptLimiter {
  const byAddress = limiter('auth-attempts:address', perMinute, redis);
  const byEmail = limiter('auth-attempts:email', perMinute, redis);
  return {
    async consume(clientAddress, email) {
      await take(byAddress, clientAddress);
      await take(byEmail, email);
    },
  };
}

function limiter(keyPrefix: string, perMinute: number, redis?: Redis): RateLimiterAbstract {
  const options = { keyPrefix, points: perMinute, duration: 60 };
  if (!redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(options) });
}

async function take(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw new TooManyRequests(rejection.msBeforeNext / 1000);
    throw rejection;
  }
}
