// Issue 12: 15 declined cards in a row on one order all got 402 (card testing). Failed payments
// are limited per order (default 5 / 10 min) and per user (default 10 / hour): then 429 with
// Retry-After, and no card reaches the provider.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TooManyRequests } from '@ticketing/common';
import { createFailedPaymentLimiter } from '../src/limits/failed-payment-limiter';
import { startPaymentsHarness, type Harness } from './support/payments-harness';

const DECLINING = 'pm_card_chargeDeclined';

describe('failed payments are limited per order and per user', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPaymentsHarness(); });
  afterAll(async () => { await h?.close(); });

  it('15 declined cards on one order: 5 × 402, then 429 with Retry-After, and only 5 reach Stripe', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    const statuses: number[] = [];
    let limited: { headers: Record<string, unknown>; body: unknown } | undefined;
    for (let attempt = 0; attempt < 15; attempt++) {
      const response = await h.service.http.inject({
        method: 'POST', url: '/api/payments', headers: { cookie: user.cookie }, payload: { orderId, token: DECLINING },
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) limited = { headers: response.headers, body: response.json() };
    }
    expect(statuses).toEqual([...Array(5).fill(402), ...Array(10).fill(429)]); // before: 15 × 402
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited?.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect(limited?.body).toEqual({ errors: [{ message: expect.any(String) }] });
    expect(h.sim.paymentIntents({ metadata: { orderId } })).toHaveLength(5);
    // A good card on that order waits too (the order is being tested); paying is not what counts.
    expect((await h.pay(user.cookie, { orderId, token: 'pm_card_visa' })).status).toBe(429);
  });

  it('one user across orders: the 11th failure within the hour is 429; another user is not affected', async () => {
    const user = await h.sessions.newUser();
    const statuses: number[] = [];
    for (let order = 0; order < 5; order++) {
      const orderId = await h.createOrder(user.id);
      for (let attempt = 0; attempt < 2; attempt++) statuses.push((await h.pay(user.cookie, { orderId, token: DECLINING })).status);
    }
    expect(statuses).toEqual(Array(10).fill(402));
    const fresh = await h.createOrder(user.id);
    expect((await h.pay(user.cookie, { orderId: fresh, token: 'pm_card_visa' })).status).toBe(429);
    expect(h.sim.paymentIntents({ metadata: { orderId: fresh } })).toEqual([]);

    const other = await h.sessions.newUser();
    expect((await h.pay(other.cookie, { orderId: await h.createOrder(other.id), token: 'pm_card_visa' })).status).toBe(201);
  });

  it('successful payments do not count', async () => {
    const user = await h.sessions.newUser();
    for (let order = 0; order < 12; order++) {
      expect((await h.pay(user.cookie, { orderId: await h.createOrder(user.id), token: 'pm_card_visa' })).status).toBe(201);
    }
  });
});

describe('failed-payment counters shared in Redis', () => {
  const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const clients: Redis[] = [];
  afterAll(() => { for (const redis of clients) redis.disconnect(); });
  const connect = async () => {
    const redis = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    clients.push(redis);
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    return redis;
  };
  const limits = { perOrder: 3, perOrderWindowSeconds: 60, perUser: 100, perUserWindowSeconds: 60 };

  it('two replicas count together: 3 failures across both, then either refuses', async () => {
    const replicas = [createFailedPaymentLimiter(limits, await connect()), createFailedPaymentLimiter(limits, await connect())];
    const [userId, orderId] = [crypto.randomUUID(), crypto.randomUUID()];
    for (const replica of [0, 1, 0]) {
      await replicas[replica].check(userId, orderId);
      await replicas[replica].recordFailure(userId, orderId);
    }
    await expect(replicas[1].check(userId, orderId)).rejects.toBeInstanceOf(TooManyRequests);
    await expect(replicas[0].check(userId, crypto.randomUUID())).resolves.toBeUndefined();
  });
});
