// Sessions for tests of services other than auth: a throwaway EdDSA key pair, a verifier that
// trusts it, and cookies for made-up users.
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import { createSessionVerifier, SESSION_COOKIE, type SessionVerifier } from '../http/session';

export interface TestSessions {
  jwks: JSONWebKeySet;
  verifySession: SessionVerifier;
  /** A cookie header value for the user (a new random user when omitted). */
  cookie(user?: { id?: string; email?: string }): Promise<string>;
  newUser(): Promise<{ id: string; email: string; cookie: string }>;
}

export async function createTestSessions(): Promise<TestSessions> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'EdDSA', use: 'sig' };
  const jwks = { keys: [jwk] };
  const cookie = async (user: { id?: string; email?: string } = {}) => {
    const id = user.id ?? crypto.randomUUID();
    const token = await new SignJWT({ id, email: user.email ?? `${id}@test.local` })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'test' })
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    return `${SESSION_COOKIE}=${token}`;
  };
  return {
    jwks,
    verifySession: createSessionVerifier({ jwks }),
    cookie,
    async newUser() {
      const id = crypto.randomUUID();
      const email = `${id}@test.local`;
      return { id, email, cookie: await cookie({ id, email }) };
    },
  };
}
