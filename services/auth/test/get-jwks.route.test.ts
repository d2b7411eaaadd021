import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionVerifier } from '@ticketing/common';
import { dbKinds, openAuthApp, sessionCookieOf, uniqueEmail, type AuthTestApp } from './support/auth-app';

describe.each(dbKinds)('GET /api/users/.well-known/jwks.json (%s)', (kind) => {
  let auth: AuthTestApp;
  beforeAll(async () => { auth = await openAuthApp(kind); });
  afterAll(() => auth?.close());

  const fetchJwks = () => auth.service.http.inject({ method: 'GET', url: '/api/users/.well-known/jwks.json' });

  it('publishes one Ed25519 public key with kid, alg EdDSA and use sig, and no private part', async () => {
    const res = await fetchJwks();
    expect(res.statusCode).toBe(200);
    const jwks = res.json();
    expect(jwks).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: auth.signingKey.kid, alg: 'EdDSA', use: 'sig' }] });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('verifies the sessions auth issues (what every other service does with it)', async () => {
    const email = uniqueEmail();
    const signup = await auth.service.http.inject({ method: 'POST', url: '/api/users/signup', payload: { email, password: 'secret12' } });
    const token = sessionCookieOf(signup).slice('session='.length);
    const jwks = (await fetchJwks()).json();
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: auth.signingKey.kid });
    expect(payload).toMatchObject({ id: signup.json().id, email });
    expect(await createSessionVerifier({ jwks })(token)).toMatchObject({ id: signup.json().id, email });
  });
});
