// Sign-in and sign-up attempts. Per client address every attempt counts (api.md: default 10 a
// minute → 429), so one address cannot guess at speed. Per email only failures count, and they
// never block: past the free failures each attempt on that email waits a delay that doubles with
// every further failure (OWASP's authentication cheat sheet: a hard lock-out lets anyone lock the
// owner out). The owner's right password still signs in, after the delay; a guesser gets few tries.
// With Redis (REDIS_URL) every replica counts in the same place; without it (embedded mode, one
// process) the counters live in memory. If Redis is unreachable each replica counts on its own
// in memory until it is back: a weaker limit, never a sign-in refused for the store's sake.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { TooManyRequests } from '@ticketing/common';
import { failureDelayMs, failureWindowSeconds } from './failure-delay';

export interface Attempt {
  /** The credentials were right (or the account was created): the attempt is not a failure. */
  succeeded(): Promise<void>;
}

export interface AttemptLimiter {
  /**
   * Counts an attempt from the address (throws TooManyRequests, 429 + Retry-After, over the limit)
   * and waits out the email's failure delay. The attempt counts as a failure until `succeeded()`:
   * concurrent guesses each see the ones before them.
   */
  begin(clientAddress: string, email: string): Promise<Attempt>;
}

export function createAttemptLimiter(perMinute: number, redis?: Redis, sleep = defaultSleep): AttemptLimiter {
  const byAddress = limiter('auth-attempts:address', { points: perMinute, duration: 60 }, redis);
  // Never refuses by itself (penalty, not consume): the delay is computed from the count.
  const failuresByEmail = limiter('auth-failures:email', { points: Number.MAX_SAFE_INTEGER, duration: failureWindowSeconds }, redis);
  return {
    async begin(clientAddress, email) {
      await take(byAddress, clientAddress);
      const counted = await failuresByEmail.penalty(email, 1);
      await sleep(failureDelayMs(counted.consumedPoints - 1, perMinute));
      return { succeeded: async () => { await failuresByEmail.reward(email, 1); } };
    },
  };
}

function defaultSleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function limiter(keyPrefix: string, limits: { points: number; duration: number }, redis?: Redis): RateLimiterAbstract {
  const options = { keyPrefix, ...limits };
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
