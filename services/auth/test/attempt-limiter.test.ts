import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureDelayMs } from '../src/failure-delay';
import { dbKinds, openAuthApp, uniqueEmail, type AuthTestApp } from './support/auth-app';

const PASSWORD = 'correct horse';

// Limit 3: the 4th attempt from one address within a minute is refused; an email's failures
// never refuse, they slow every further attempt on it.
describe.each(dbKinds)('sign-in and sign-up attempt limits (%s)', (kind) => {
  let auth: AuthTestApp;
  beforeAll(async () => { auth = await openAuthApp(kind, { AUTH_RATE_LIMIT_PER_MINUTE: 3 }); });
  afterAll(() => auth?.close());

  let addressCounter = 0;
  const freshAddress = () => `198.51.100.${++addressCounter}`;
  const attempt = (route: 'signin' | 'signup', email: string, address: string, password = PASSWORD) => auth.service.http.inject({
    method: 'POST', url: `/api/users/${route}`, headers: { 'x-forwarded-for': address }, payload: { email, password },
  });
  const timed = async <T>(work: () => Promise<T>) => {
    const started = Date.now();
    const result = await work();
    return { result, ms: Date.now() - started };
  };

  const expectTooMany = (res: Awaited<ReturnType<typeof attempt>>) => {
    expect(res.statusCode).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.json()).toEqual({ errors: [{ message: expect.any(String) }] });
  };

  it('one client address: the 4th sign-in within a minute is 429 with Retry-After', async () => {
    const address = freshAddress();
    for (let index = 0; index < 3; index += 1) {
      expect((await attempt('signin', uniqueEmail(), address)).statusCode).toBe(400);
    }
    expectTooMany(await attempt('signin', uniqueEmail(), address));
    expect((await attempt('signin', uniqueEmail(), freshAddress())).statusCode).toBe(400);
  });

  it("wrong passwords from many addresses do not lock the owner out: the right one signs in, after a delay", async () => {
    const email = uniqueEmail();
    expect((await attempt('signup', email, freshAddress())).statusCode).toBe(201);
    for (let index = 0; index < 3; index += 1) {
      expect((await attempt('signin', email, freshAddress(), 'wrong password')).statusCode).toBe(400);
    }
    const owner = await timed(() => attempt('signin', email, freshAddress()));
    expect(owner.result.statusCode).toBe(200);
    expect(owner.ms).toBeGreaterThanOrEqual(failureDelayMs(3, 3));
  });

  it('each further failure on an email doubles the delay of the next attempt', async () => {
    const email = uniqueEmail();
    for (let index = 0; index < 3; index += 1) await attempt('signin', email, freshAddress(), 'wrong password');
    const fourth = await timed(() => attempt('signin', email, freshAddress(), 'wrong password'));
    const fifth = await timed(() => attempt('signin', email, freshAddress(), 'wrong password'));
    expect([fourth.result.statusCode, fifth.result.statusCode]).toEqual([400, 400]);
    expect(fourth.ms).toBeGreaterThanOrEqual(250);
    expect(fifth.ms).toBeGreaterThanOrEqual(500);
  });

  it('successful sign-ins do not count as failures: the owner signs in many times without delay', async () => {
    const email = uniqueEmail();
    expect((await attempt('signup', email, freshAddress())).statusCode).toBe(201);
    for (let index = 0; index < 5; index += 1) {
      const signin = await timed(() => attempt('signin', email, freshAddress()));
      expect(signin.result.statusCode).toBe(200);
      expect(signin.ms).toBeLessThan(failureDelayMs(3, 3) + 200);
    }
  });

  it('sign-up counts against the address too', async () => {
    const address = freshAddress();
    for (let index = 0; index < 3; index += 1) {
      expect((await attempt('signup', uniqueEmail(), address)).statusCode).toBe(201);
    }
    const refused = await attempt('signup', uniqueEmail(), address);
    expectTooMany(refused);
    expect(refused.cookies).toHaveLength(0);
  });

  it('"Email in use" counts as a failure: probes of a taken email from many addresses meet the delay', async () => {
    const email = uniqueEmail();
    expect((await attempt('signup', email, freshAddress())).statusCode).toBe(201);
    for (let index = 0; index < 3; index += 1) {
      expect((await attempt('signup', email, freshAddress(), 'another password')).json()).toEqual({ errors: [{ message: 'Email in use' }] });
    }
    const fourth = await timed(() => attempt('signup', email, freshAddress(), 'another password'));
    expect(fourth.result.json()).toEqual({ errors: [{ message: 'Email in use' }] });
    expect(fourth.ms).toBeGreaterThanOrEqual(failureDelayMs(3, 3));
  });
});

describe('the failure delay', () => {
  it('is zero for the free failures, then 250 ms doubling, capped at 10 s', () => {
    expect([0, 9].map((failures) => failureDelayMs(failures, 10))).toEqual([0, 0]);
    expect([10, 11, 12, 15].map((failures) => failureDelayMs(failures, 10))).toEqual([250, 500, 1000, 8000]);
    expect(failureDelayMs(16, 10)).toBe(10_000);
    expect(failureDelayMs(1_000_000, 10)).toBe(10_000);
  });
});
