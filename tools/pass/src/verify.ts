// A door scanner's check, offline once it has its data: the pass keys (JWKS) and the revocation
// list, fetched from the gateway, then delivery's own offline verification of the token.
import type { JSONWebKeySet } from 'jose';
import { verifyPassOffline, type PassVerdict, type Revocation } from '@ticketing/delivery/domain/verdict';

export interface VerificationData { jwks: JSONWebKeySet; revoked: Revocation[] }

export async function fetchVerificationData(baseUrl: string, fetchImpl: typeof fetch = fetch): Promise<VerificationData> {
  const get = async (path: string) => {
    const response = await fetchImpl(new URL(path, baseUrl));
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  const [jwks, revocations] = await Promise.all([get('/api/checkin/jwks.json'), get('/api/checkin/revocations')]);
  return { jwks: jwks as JSONWebKeySet, revoked: (revocations as { revoked: Revocation[] }).revoked };
}

export interface VerifyAtResult { verdict: PassVerdict; keys: number; revocations: number }

export async function verifyAt(baseUrl: string, token: string, fetchImpl?: typeof fetch): Promise<VerifyAtResult> {
  const data = await fetchVerificationData(baseUrl, fetchImpl);
  return { verdict: await verifyPassOffline(token, data), keys: data.jwks.keys.length, revocations: data.revoked.length };
}
