// Session check: the `session` cookie holds a JWT signed (EdDSA) by the auth service. Any service
// verifies it with auth's public keys (JWKS, fetched and cached); a missing, malformed, expired,
// forged or revoked token means "signed out". Every token names its session (`jti`), so sign-out
// can revoke it; the kernel (service.ts) checks each verified token against the service's
// revocation list, in memory.
import type { FastifyRequest } from 'fastify';
import type { AnyFastify } from './create-app';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { NotAuthorized } from '../errors';
import type { RevocationList } from '../sessions/revocation-list';

export const SESSION_COOKIE = 'session';

export interface CurrentUser {
  id: string;
  email: string;
  iat: number;
  exp: number;
  /** The session's id (the JWT's jti): what sign-out revokes. */
  sessionId: string;
}

// A token without jti (issued before sessions had ids) cannot be revoked, so it is not accepted.
const claims = z.object({ id: z.string().min(1), email: z.string().min(1), iat: z.number(), exp: z.number(), jti: z.string().min(1) });

export type SessionVerifier = (token: string | undefined) => Promise<CurrentUser | null>;

export type KeySource = { jwksUrl: string } | { jwks: JSONWebKeySet } | { getKey: JWTVerifyGetKey };

export function createSessionVerifier(source: KeySource): SessionVerifier {
  const getKey: JWTVerifyGetKey = 'getKey' in source ? source.getKey
    : 'jwks' in source ? createLocalJWKSet(source.jwks)
    : createRemoteJWKSet(new URL(source.jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: 5_000 });
  return async (token) => {
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, getKey, { algorithms: ['EdDSA'] });
      const parsed = claims.safeParse(payload);
      if (!parsed.success) return null;
      const { id, email, iat, exp, jti } = parsed.data;
      return { id, email, iat, exp, sessionId: jti };
    } catch {
      return null;
    }
  };
}

/** The verifier, refusing sessions the list says are revoked. */
export function refusingRevoked(verify: SessionVerifier, revocations: RevocationList): SessionVerifier {
  return async (token) => {
    const user = await verify(token);
    if (!user || revocations.isRevoked({ userId: user.id, sessionId: user.sessionId, iat: user.iat })) return null;
    return user;
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    currentUser: CurrentUser | null;
  }
}

/** Sets request.currentUser on every request. */
export function installSession(app: AnyFastify, verify: SessionVerifier): void {
  app.decorateRequest('currentUser', null);
  app.addHook('onRequest', async (request) => {
    request.currentUser = await verify(request.cookies[SESSION_COOKIE]);
  });
}

/** The signed-in user, or 401 with the error body. */
export function requireUser(request: FastifyRequest): CurrentUser {
  if (!request.currentUser) throw new NotAuthorized();
  return request.currentUser;
}

/** Route-level guard: `preHandler: requireAuth`. */
export async function requireAuth(request: FastifyRequest): Promise<void> {
  requireUser(request);
}
