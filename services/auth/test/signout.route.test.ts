import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openAuthApp, sessionCookieOf, uniqueEmail, type AuthTestApp } from './support/auth-app';

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
});
