// The pass: a compact JWS (EdDSA, Ed25519) the platform signs for each completed order. Anyone
// with the JWKS can tell ours from a forgery; whether it was revoked is the revocation list's say.
import { compactVerify, createLocalJWKSet, SignJWT, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { SigningKey } from '@ticketing/common';

export const PASS_ISSUER = 'ticketing';

export const passClaims = z.object({
  iss: z.literal(PASS_ISSUER),
  jti: z.uuid(),
  oid: z.uuid(),
  tid: z.uuid(),
  eid: z.uuid().optional(),
  hid: z.uuid(),
  gen: z.number().int().nonnegative(),
  iat: z.number().int(),
});
export type PassClaims = z.infer<typeof passClaims>;

export interface PassToIssue { id: string; orderId: string; ticketId: string; eventId?: string; holderId: string; generation: number; issuedAt: Date }

export function signPass(key: SigningKey, pass: PassToIssue): Promise<string> {
  const claims: Omit<PassClaims, 'iss' | 'iat'> = {
    jti: pass.id, oid: pass.orderId, tid: pass.ticketId, hid: pass.holderId, gen: pass.generation,
    ...(pass.eventId ? { eid: pass.eventId } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
    .setIssuer(PASS_ISSUER)
    .setIssuedAt(Math.floor(pass.issuedAt.getTime() / 1000))
    .sign(key.privateKey);
}

/** The JWKS a scanner verifies passes with. */
export function passJwks(key: SigningKey): JSONWebKeySet {
  return { keys: [key.publicJwk] };
}

export type SignatureVerdict = { ours: true; claims: PassClaims } | { ours: false };

/**
 * Ours: a compact JWS, EdDSA, signed by a key of the set, whose payload is a pass's claims. Anything
 * else (not a JWS, a bad signature, an unknown key, another payload) is not ours: forged.
 */
export async function checkPassSignature(token: string, keys: JWTVerifyGetKey | JSONWebKeySet): Promise<SignatureVerdict> {
  const getKey = typeof keys === 'function' ? keys : createLocalJWKSet(keys);
  if (typeof token !== 'string' || token.length > 4096) return { ours: false };
  try {
    const { payload } = await compactVerify(token, getKey, { algorithms: ['EdDSA'] });
    const parsed = passClaims.safeParse(JSON.parse(new TextDecoder().decode(payload)));
    return parsed.success ? { ours: true, claims: parsed.data } : { ours: false };
  } catch {
    return { ours: false };
  }
}
