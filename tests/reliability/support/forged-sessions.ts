// Session cookies that claim to be a user but must sign nobody in: an unsigned token (alg none),
// one signed with another key under auth's key id, an expired one signed with auth's own key, a
// real token of another user with the payload swapped, and HS256 keyed with auth's public key
// (the algorithm-confusion attack).
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import type { SigningKey } from '@ticketing/auth';
import type { User } from './marketplace';

export type ForgedKind = 'alg none' | 'wrong key' | 'expired' | 'tampered' | 'alg confusion';
export const forgedKinds: ForgedKind[] = ['alg none', 'wrong key', 'expired', 'tampered', 'alg confusion'];

const claimsOf = (user: User) => ({ id: user.id, email: user.email });
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A `session=<token>` cookie forged to claim `victim`; `attacker` is a real user with a real token. */
export async function forgedCookie(kind: ForgedKind, victim: User, attacker: User, authKey: SigningKey): Promise<string> {
  return `session=${await forgedToken(kind, victim, attacker, authKey)}`;
}

async function forgedToken(kind: ForgedKind, victim: User, attacker: User, authKey: SigningKey): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  switch (kind) {
    case 'alg none':
      return new UnsecuredJWT(claimsOf(victim)).setIssuedAt(now).setExpirationTime(now + 3_600).encode();
    case 'wrong key': {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      return new SignJWT(claimsOf(victim)).setProtectedHeader({ alg: 'EdDSA', kid: authKey.kid, typ: 'JWT' })
        .setIssuedAt(now).setExpirationTime(now + 3_600).sign(privateKey);
    }
    case 'expired':
      return new SignJWT(claimsOf(victim)).setProtectedHeader({ alg: 'EdDSA', kid: authKey.kid, typ: 'JWT' })
        .setIssuedAt(now - 7_200).setExpirationTime(now - 60).sign(authKey.privateKey);
    case 'tampered': {
      const [header, , signature] = attacker.token.split('.');
      return `${header}.${base64url({ ...claimsOf(victim), iat: now, exp: now + 3_600 })}.${signature}`;
    }
    case 'alg confusion': {
      const secret = new TextEncoder().encode(JSON.stringify(authKey.publicJwk));
      return new SignJWT(claimsOf(victim)).setProtectedHeader({ alg: 'HS256', kid: authKey.kid, typ: 'JWT' })
        .setIssuedAt(now).setExpirationTime(now + 3_600).sign(secret);
    }
  }
}
