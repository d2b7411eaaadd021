import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openAuthApp, sessionCookieOf, uniqueEmail, type AuthTestApp } from './support/auth-app';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;

describe.each(dbKinds)('GET /api/users/currentuser (%s)', (kind) => {
  let auth: AuthTestApp;
  let user: { id: string; email: string };
  let token: string;
  beforeAll(async () => {
    auth = await openAuthApp(kind, { JWT_TTL_SECONDS: 3600 });
    const res = await auth.service.http.inject({ method: 'POST', url: '/api/users/signup', payload: { email: uniqueEmail(), password: 'secret12' } });
    user = res.json();
    token = sessionCookieOf(res).slice('session='.length);
  });
  afterAll(() => auth?.close());

  const currentUser = async (sessionToken?: string) => {
    const res = await auth.service.http.inject({
      method: 'GET', url: '/api/users/currentuser', headers: sessionToken === undefined ? {} : { cookie: `session=${sessionToken}` },
    });
    expect(res.statusCode).toBe(200);
    return res.json().currentUser;
  };
  const signWithAuthKey = (claims: object, iat: number, exp: number) =>
    new SignJWT({ ...claims }).setProtectedHeader({ alg: 'EdDSA', kid: auth.signingKey.kid }).setJti(crypto.randomUUID()).setIssuedAt(iat).setExpirationTime(exp)
      .sign(auth.signingKey.privateKey);
  const now = () => Math.floor(Date.now() / 1000);

  it('without a cookie: {currentUser: null}', async () => {
    expect(await currentUser()).toBeNull();
  });

  it('with the cookie from sign-up: {id, email, iat, exp} with exp = iat + TTL', async () => {
    const claims = await currentUser(token);
    expect(claims).toEqual({ id: user.id, email: user.email, iat: expect.any(Number), exp: expect.any(Number) });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(Math.abs(claims.iat - now())).toBeLessThan(60);
  });

  it('a token with alg "none" is signed out', async () => {
    const [, payload] = token.split('.');
    expect(await currentUser(`${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`)).toBeNull();
  });

  it('a token signed with another key (even claiming our kid) is signed out', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ id: user.id, email: user.email })
      .setProtectedHeader({ alg: 'EdDSA', kid: auth.signingKey.kid }).setIssuedAt().setExpirationTime('1h').sign(privateKey);
    expect(await currentUser(forged)).toBeNull();
  });

  it('a tampered payload with the original signature is signed out', async () => {
    const [header, payload, signature] = token.split('.');
    const tampered = encode({ ...decode(payload), email: 'attacker@example.com' });
    expect(await currentUser(`${header}.${tampered}.${signature}`)).toBeNull();
  });

  it('an expired token signed with the right key is signed out, the same token unexpired is not', async () => {
    expect(await currentUser(await signWithAuthKey(user, now() - 7200, now() - 3600))).toBeNull();
    expect(await currentUser(await signWithAuthKey(user, now() - 7200, now() + 3600))).toMatchObject(user);
  });

  it('a malformed cookie is signed out', async () => {
    expect(await currentUser('not-a-jwt')).toBeNull();
  });

  it('a public key in place of the secret cannot sign (no HS256 with the JWKS)', async () => {
    const jwk = await exportJWK((await generateKeyPair('EdDSA', { crv: 'Ed25519' })).publicKey);
    const secret = new TextEncoder().encode(JSON.stringify(auth.signingKey.publicJwk) + jwk.x);
    const hs = await new SignJWT({ id: user.id, email: user.email }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(secret);
    expect(await currentUser(hs)).toBeNull();
  });
});
