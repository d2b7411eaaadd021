// Session check: the `session` cookie holds a JWT signed (EdDSA) by the auth service. Any service
// verifies it with auth's public keys (JWKS, fetched and cached); a missing, malformed, expired or
// forged token means "signed out".
import type { FastifyRequest } from 'fastify';
import type { AnyFastify } from './create-app';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { NotAuthorized } from '../errors';

export const SESSION_COOKIE = 'session';

export interface CurrentUser {
  id: string;
  email: string;
  iat: number;
  exp: number;
}

const claims = z.object({ id: z.string().min(1), email: z.string().min(1), iat: z.number(), exp: z.number() });

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
      return parsed.success ? { id: parsed.data.id, email: parsed.data.email, iat: parsed.data.iat, exp: parsed.data.exp } : null;
    } catch {
      return null;
    }
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
