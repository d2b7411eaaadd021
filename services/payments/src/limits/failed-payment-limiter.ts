// Failed payments per order and per user (issue 12: 15 declined cards in a row on one order all
// got 402 — card testing). Only failures count (a decline, a card the provider does not know), so
// a buyer who pays is never slowed down; once a user or an order has failed too often within its
// window, further payments are 429 with Retry-After until the window has moved on, before any
// card is sent to the provider. A replay of a stored answer is not a payment and is not limited.
//
// The same mechanism as auth's sign-in limiter (rate-limiter-flexible): with Redis (REDIS_URL)
// every replica counts in one place; without it (embedded mode, one process) in memory. If Redis
// is unreachable each replica counts on its own in memory until it is back.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { TooManyRequests } from '@ticketing/common';

export interface FailedPaymentLimits {
  perOrder: number;
  perOrderWindowSeconds: number;
  perUser: number;
  perUserWindowSeconds: number;
}

export interface FailedPaymentLimiter {
  /** Throws TooManyRequests (429 + Retry-After) when the user or the order has failed too often lately. */
  check(userId: string, orderId: string): Promise<void>;
  /** Counts one failed payment against both. */
  recordFailure(userId: string, orderId: string): Promise<void>;
}

export function createFailedPaymentLimiter(limits: FailedPaymentLimits, redis?: Redis): FailedPaymentLimiter {
  const byOrder = limiter('payments-failed:order', limits.perOrder, limits.perOrderWindowSeconds, redis);
  const byUser = limiter('payments-failed:user', limits.perUser, limits.perUserWindowSeconds, redis);
  return {
    async check(userId, orderId) {
      await refuseIfSpent(byUser, userId);
      await refuseIfSpent(byOrder, orderId);
    },
    async recordFailure(userId, orderId) {
      await Promise.all([byUser.penalty(userId, 1), byOrder.penalty(orderId, 1)]);
    },
  };
}

function limiter(keyPrefix: string, points: number, duration: number, redis?: Redis): RateLimiterAbstract {
  const options = { keyPrefix, points, duration };
  if (!redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(options) });
}

async function refuseIfSpent(limiter: RateLimiterAbstract, key: string): Promise<void> {
  const counted = await limiter.get(key);
  if (counted && counted.consumedPoints >= limiter.points) throw new TooManyRequests(counted.msBeforeNext / 1000);
}
