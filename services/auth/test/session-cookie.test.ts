import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openAuthApp, uniqueEmail, type AuthTestApp } from './support/auth-app';

describe.each(dbKinds)('the session cookie (%s)', (kind) => {
  let secure: AuthTestApp;
  let plainHttp: AuthTestApp;
  beforeAll(async () => {
    [secure, plainHttp] = await Promise.all([
      openAuthApp(kind, { JWT_TTL_SECONDS: 7200 }),
      openAuthApp(kind, { COOKIE_SECURE: false }),
    ]);
  });
  afterAll(async () => { await Promise.all([secure?.close(), plainHttp?.close()]); });

  const setCookieOf = async (auth: AuthTestApp, route: 'signup' | 'signin', email: string) => {
    const res = await auth.service.http.inject({ method: 'POST', url: `/api/users/${route}`, payload: { email, password: 'secret12' } });
    expect(res.statusCode).toBeLessThan(300);
    return String(res.headers['set-cookie']);
  };

  it('is the JWT, HttpOnly, SameSite=Lax, Path=/, Secure, with Max-Age = the session lifetime', async () => {
    const email = uniqueEmail();
    for (const header of [await setCookieOf(secure, 'signup', email), await setCookieOf(secure, 'signin', email)]) {
      expect(header).toMatch(/^session=[\w-]+\.[\w-]+\.[\w-]+;/);
      const attributes = header.split(';').slice(1).map((part) => part.trim());
      expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Secure', 'Max-Age=7200']));
    }
  });

  it('has no Secure attribute when COOKIE_SECURE is false (plain-HTTP development)', async () => {
    const header = await setCookieOf(plainHttp, 'signup', uniqueEmail());
    const attributes = header.split(';').slice(1).map((part) => part.trim());
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=86400']));
    expect(attributes).not.toContain('Secure');
  });
});
