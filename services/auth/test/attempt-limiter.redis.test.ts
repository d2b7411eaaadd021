// Several auth replicas count sign-in attempts together in Redis (REDIS_URL), so a limit of N a
// minute is N for the whole deployment, not N per replica; without Redis they still limit.
import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TooManyRequests } from '@ticketing/common';
import { createAttemptLimiter } from '../src/attempt-limiter';
import { failureDelayMs } from '../src/failure-delay';
import { openAuthApp, uniqueEmail, type AuthTestApp } from './support/auth-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const octet = () => randomInt(1, 255);
/** A random private address: no two tests (or runs within the minute) share a counter. */
const address = () => `10.${octet()}.${octet()}.${octet()}`;

describe('attempt limits shared in Redis', () => {
  const clients: Redis[] = [];
  const connect = (url = REDIS_URL) => {
    const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: url !== REDIS_URL });
    redis.on('error', () => undefined);
    clients.push(redis);
    return redis;
  };
  const ready = (redis: Redis) => new Promise<void>((resolve) => (redis.status === 'ready' ? resolve() : redis.once('ready', () => resolve())));
  afterAll(() => { for (const redis of clients) redis.disconnect(); });

  it('two replicas share one count: the 4th attempt on either is refused (limit 3)', async () => {
    const [first, second] = [connect(), connect()];
    await Promise.all([ready(first), ready(second)]);
    const delays: number[] = [];
    const recordDelay = async (ms: number) => { delays.push(ms); };
    const replicas = [createAttemptLimiter(3, first, recordDelay), createAttemptLimiter(3, second, recordDelay)];
    const from = address();
    await replicas[0].begin(from, uniqueEmail());
    await replicas[1].begin(from, uniqueEmail());
    await replicas[0].begin(from, uniqueEmail());
    const refused = await replicas[1].begin(from, uniqueEmail()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooManyRequests);
    // An email's failures are shared too: after 3 on either replica, the next attempt waits.
    const email = uniqueEmail();
    delays.length = 0;
    for (const replica of [0, 1, 0]) await replicas[replica].begin(address(), email);
    await replicas[1].begin(address(), email);
    expect(delays).toEqual([0, 0, 0, failureDelayMs(3, 3)]);
  });

  it('Redis unreachable: each replica still limits, in memory, and nothing else fails', async () => {
    const limiter = createAttemptLimiter(3, connect('redis://127.0.0.1:9'));
    const from = address();
    for (let attempt = 0; attempt < 3; attempt += 1) await limiter.begin(from, uniqueEmail());
    await expect(limiter.begin(from, uniqueEmail())).rejects.toBeInstanceOf(TooManyRequests);
  });

  describe('through HTTP: two auth services sharing one Redis', () => {
    let replicas: AuthTestApp[];
    beforeAll(async () => {
      const [first, second] = [connect(), connect()];
      await Promise.all([ready(first), ready(second)]);
      replicas = [await openAuthApp('postgres', { AUTH_RATE_LIMIT_PER_MINUTE: 3 }, first), await openAuthApp('postgres', { AUTH_RATE_LIMIT_PER_MINUTE: 3 }, second)];
    });
    afterAll(async () => { for (const replica of replicas ?? []) await replica.close(); });

    it('the 4th sign-in from one address is 429 on the other replica', async () => {
      const from = address();
      const signin = (replica: AuthTestApp) => replica.service.http.inject({
        method: 'POST', url: '/api/users/signin', headers: { 'x-forwarded-for': from }, payload: { email: uniqueEmail(), password: 'secret12' },
      });
      expect((await signin(replicas[0])).statusCode).toBe(400);
      expect((await signin(replicas[1])).statusCode).toBe(400);
      expect((await signin(replicas[0])).statusCode).toBe(400);
      const refused = await signin(replicas[1]);
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    });
  });
});
