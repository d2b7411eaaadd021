// Sign-in and sign-up attempts per client address and per email (api.md: default 10 / minute), so
// neither one address guessing many passwords nor many addresses guessing one account get far.
// The counters live in this process's memory: with several replicas each counts alone (a limit of
// N per replica); RateLimiterRedis from the same library would share them across replicas.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequests } from '@ticketing/common';

export interface AttemptLimiter {
  /** Counts one attempt; throws TooManyRequests (429 + Retry-After) over the limit. */
  consume(clientAddress: string, email: string): Promise<void>;
}

export function createAttemptLimiter(perMinute: number): AttemptLimiter {
  const byAddress = new RateLimiterMemory({ keyPrefix: 'address', points: perMinute, duration: 60 });
  const byEmail = new RateLimiterMemory({ keyPrefix: 'email', points: perMinute, duration: 60 });
  return {
    async consume(clientAddress, email) {
      await take(byAddress, clientAddress);
      await take(byEmail, email);
    },
  };
}

async function take(limiter: RateLimiterMemory, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw new TooManyRequests(rejection.msBeforeNext / 1000);
    throw rejection;
  }
}
