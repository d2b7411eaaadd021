// Session tokens: a JWT {id, email, iat, exp, jti} signed EdDSA with auth's key, where jti is the
// session's id (what sign-out revokes); the JWKS that lets every service (auth included) verify them.
import { randomUUID } from 'node:crypto';
import { SignJWT, type JSONWebKeySet } from 'jose';
import type { SigningKey } from './signing-key';

export interface SessionTokens {
  ttlSeconds: number;
  issue(user: { id: string; email: string }): Promise<string>;
}

export function createSessionTokens(signingKey: SigningKey, ttlSeconds: number): SessionTokens {
  return {
    ttlSeconds,
    async issue(user) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ id: user.id, email: user.email })
        .setProtectedHeader({ alg: 'EdDSA', kid: signingKey.kid, typ: 'JWT' })
        .setJti(randomUUID())
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(signingKey.privateKey);
    },
  };
}

export function jwksOf(signingKey: SigningKey): JSONWebKeySet {
  return { keys: [signingKey.publicJwk] };
}
