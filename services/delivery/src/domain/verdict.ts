// What a scan says about a pass, online (POST /api/checkin/verify) or offline (JWKS + revocations).
import type { JSONWebKeySet } from 'jose';
import { checkPassSignature, type PassClaims } from './pass-token';

export type RevocationReason = 'resold' | 'refunded' | 'checked-in';

export interface Revocation { jti: string; ticketId: string; generation: number; reason: RevocationReason; revokedAt: string }

export type PassVerdict =
  | { status: 'valid'; ticketId: string; eventId?: string; generation: number; checkedInAt?: string }
  | { status: 'revoked'; reason: RevocationReason; ticketId: string; eventId?: string; generation: number; checkedInAt?: string }
  | { status: 'forged' };

export type GenuineVerdict = Exclude<PassVerdict, { status: 'forged' }>;

/** The verdict a genuine pass's claims and its revocation (if any) amount to. */
export function verdictOf(claims: PassClaims, revocation?: Pick<Revocation, 'reason'> & { checkedInAt?: string }): GenuineVerdict {
  const about = { ticketId: claims.tid, ...(claims.eid ? { eventId: claims.eid } : {}), generation: claims.gen };
  if (!revocation) return { status: 'valid', ...about };
  return { status: 'revoked', reason: revocation.reason, ...about, ...(revocation.checkedInAt ? { checkedInAt: revocation.checkedInAt } : {}) };
}

/**
 * Offline verification, as a door scanner without a connection does it: the signature against
 * the JWKS (GET /api/checkin/jwks.json), then the revocation list (GET /api/checkin/revocations).
 */
export async function verifyPassOffline(token: string, from: { jwks: JSONWebKeySet; revoked: Revocation[] }): Promise<PassVerdict> {
  const signature = await checkPassSignature(token, from.jwks);
  if (!signature.ours) return { status: 'forged' };
  const { claims } = signature;
  const revocation = from.revoked.find((entry) => entry.jti === claims.jti);
  return verdictOf(claims, revocation);
}
