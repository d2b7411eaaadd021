import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openAuthApp, sessionCookieOf, testPasswordParams, uniqueEmail, type AuthTestApp } from './support/auth-app';

describe.each(dbKinds)('POST /api/users/signout (%s)', (kind) => {
  let auth: AuthTestApp;
  beforeAll(async () => { auth = await openAuthApp(kind); });
  afterAll(() => auth?.close());

  it('answers 200 {} and clears the session cookie with the same attributes', async () => {
    const signup = await auth.service.http.inject({ method: 'POST', url: '/api/users/signup', payload: { email: uniqueEmail(), password: 'secret12' } });
    const res = await auth.service.http.inject({ method: 'POST', url: '/api/users/signout', headers: { cookie: sessionCookieOf(signup) } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({});
    const cleared = res.cookies.find((cookie) => cookie.name === 'session');
    expect(cleared).toMatchObject({ value: '', path: '/', httpOnly: true, sameSite: 'Lax', secure: true });
    const expiresInPast = cleared?.expires !== undefined && cleared.expires.getTime() <= Date.now();
    expect(cleared?.maxAge === 0 || expiresInPast).toBe(true);
  });

  it('signed out already is fine too', async () => {
    const res = await auth.service.http.inject({ method: 'POST', url: '/api/users/signout' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({});
  });

  const signup = async (email = uniqueEmail()) => {
    const res = await auth.service.http.inject({ method: 'POST', url: '/api/users/signup', payload: { email, password: 'secret12' } });
    return { email, cookie: sessionCookieOf(res) };
  };
  const signin = async (email: string) => sessionCookieOf(
    await auth.service.http.inject({ method: 'POST', url: '/api/users/signin', payload: { email, password: 'secret12' } }));
  const currentUser = async (cookie: string) =>
    (await auth.service.http.inject({ method: 'GET', url: '/api/users/currentuser', headers: { cookie } })).json().currentUser;
  const post = (url: string, cookie?: string) => auth.service.http.inject({ method: 'POST', url, headers: cookie ? { cookie } : {} });
  const published = (userId: string) => auth.db.db.query<{ envelope: { data: Record<string, unknown> } }>(
    "SELECT envelope FROM outbox WHERE subject = 'session:revoked' AND envelope->'data'->>'userId' = $1 ORDER BY seq", [userId]);

  it('revokes the session: the old cookie is signed out at once; another session of the user is not', async () => {
    const { email, cookie } = await signup();
    const other = await signin(email);
    const { id } = await currentUser(cookie);
    expect((await post('/api/users/signout', cookie)).statusCode).toBe(200);
    expect(await currentUser(cookie)).toBeNull();
    expect(await currentUser(other)).toMatchObject({ id, email });
    const [event] = await published(id);
    expect(event.envelope.data).toEqual({ userId: id, sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/), expiresAt: expect.any(String) });
  });

  it('sign out everywhere: every session of the user is signed out, a new sign-in right after works', async () => {
    const { email, cookie } = await signup();
    const [second, third] = [await signin(email), await signin(email)];
    const bystander = await signup();
    const { id } = await currentUser(cookie);
    const res = await post('/api/users/signout-all', second);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({});
    expect(res.cookies.find((candidate) => candidate.name === 'session')?.value).toBe('');
    for (const old of [cookie, second, third]) expect(await currentUser(old)).toBeNull();
    expect(await currentUser(bystander.cookie)).toMatchObject({ email: bystander.email });
    const fresh = await signin(email);
    expect(await currentUser(fresh)).toMatchObject({ id, email });
    const [event] = await published(id);
    expect(event.envelope.data).toEqual({ userId: id, all: true, before: expect.any(String), expiresAt: expect.any(String) });
  });

  it('sign out everywhere needs a session: 401 with the error body', async () => {
    const res = await post('/api/users/signout-all');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ errors: [{ message: 'Not authorized' }] });
  });

  it('a revoked session stays revoked across a restart (the revocation is in the database)', async () => {
    const { cookie } = await signup();
    await post('/api/users/signout', cookie);
    await auth.service.stop();
    auth = await reopen(auth);
    expect(await currentUser(cookie)).toBeNull();
  });

  /** A second auth service on the same database and key, as a restart (or another replica) would be. */
  async function reopen(previous: AuthTestApp): Promise<AuthTestApp> {
    const { createAuthService } = await import('../src/app');
    const { createBus, silentLogger } = await import('@ticketing/common');
    const bus = await createBus('memory://');
    const service = await createAuthService({
      db: previous.db.db, bus, logger: silentLogger(), signingKey: previous.signingKey, passwordParams: testPasswordParams,
      config: { JWT_TTL_SECONDS: 86_400, COOKIE_SECURE: true, AUTH_RATE_LIMIT_PER_MINUTE: 10_000 },
    });
    await service.start();
    return { ...previous, service, close: async () => { await service.stop(); await bus.close(); await previous.db.close(); } };
  }
});
