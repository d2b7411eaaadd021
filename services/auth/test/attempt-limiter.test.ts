import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openAuthApp, uniqueEmail, type AuthTestApp } from './support/auth-app';

// Limit 3 a minute: the fourth attempt from one address, or for one email, is refused.
describe.each(dbKinds)('sign-in and sign-up attempt limits (%s)', (kind) => {
  let auth: AuthTestApp;
  beforeAll(async () => { auth = await openAuthApp(kind, { AUTH_RATE_LIMIT_PER_MINUTE: 3 }); });
  afterAll(() => auth?.close());

  let addressCounter = 0;
  const freshAddress = () => `198.51.100.${++addressCounter}`;
  const attempt = (route: 'signin' | 'signup', email: string, address: string) => auth.service.http.inject({
    method: 'POST', url: `/api/users/${route}`, headers: { 'x-forwarded-for': address }, payload: { email, password: 'secret' },
  });

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

  it('one email from many addresses: the 4th attempt is 429, even with the right password', async () => {
    const email = uniqueEmail();
    expect((await attempt('signup', email, freshAddress())).statusCode).toBe(201);
    expect((await attempt('signin', email, freshAddress())).statusCode).toBe(200);
    expect((await attempt('signin', email, freshAddress())).statusCode).toBe(200);
    expectTooMany(await attempt('signin', email, freshAddress()));
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
});
