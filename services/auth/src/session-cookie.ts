// The `session` cookie carries the JWT itself: HttpOnly (no script reads it), SameSite=Lax (no
// cross-site POSTs carry it), Secure unless the deployment is plain-HTTP local development.
import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '@ticketing/common';

export interface CookiePolicy {
  secure: boolean;
  maxAgeSeconds: number;
}

const attributes = (policy: CookiePolicy) => ({ httpOnly: true, sameSite: 'lax' as const, path: '/', secure: policy.secure });

export function setSessionCookie(reply: FastifyReply, token: string, policy: CookiePolicy): void {
  void reply.setCookie(SESSION_COOKIE, token, { ...attributes(policy), maxAge: policy.maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply, policy: CookiePolicy): void {
  void reply.clearCookie(SESSION_COOKIE, attributes(policy));
}
