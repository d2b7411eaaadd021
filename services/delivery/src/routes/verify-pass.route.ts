// POST /api/checkin/verify {token, checkIn?} — valid, revoked (resold | refunded | checked-in) or
// forged. checkIn (the default) admits the holder: the signed-in organiser of the pass's event
// only, and the first scan wins atomically; checkIn: false only verifies, for anyone.
import { Forbidden, NotAuthorized, type HttpApp } from '@ticketing/common';
import { createLocalJWKSet } from 'jose';
import { z } from 'zod';
import { checkIn, findPass, type PassRow } from '../db/passes.repository';
import { findEvent } from '../db/replicas.repository';
import { checkPassSignature, passJwks, type PassClaims } from '../domain/pass-token';
import { verdictOf, type PassVerdict } from '../domain/verdict';
import type { RouteContext } from './route-context';

const body = z.object({ token: z.string(), checkIn: z.boolean().optional() });

export function registerVerifyPass(app: HttpApp, ctx: RouteContext): void {
  const keys = createLocalJWKSet(passJwks(ctx.keys.pass));
  app.post('/api/checkin/verify', { schema: { body } }, async (request): Promise<PassVerdict> => {
    const admit = request.body.checkIn ?? true;
    const user = request.currentUser;
    if (admit && !user) throw new NotAuthorized('Sign in as the event\'s organiser to check a pass in');
    const signature = await checkPassSignature(request.body.token, keys);
    if (!signature.ours) return { status: 'forged' };
    const { claims } = signature;
    const pass = await findPass(ctx.db, claims.jti);
    // Signed with our key but not a pass we issued as such: not trusted.
    if (!pass || !matches(pass, claims)) return { status: 'forged' };
    if (!admit) return verdictOf(claims, revocationOf(pass));
    if (!pass.eventId) throw new Forbidden('This pass is for a ticket without an event: it cannot be checked in');
    const event = await findEvent(ctx.db, pass.eventId);
    if (!event || event.organiserId !== user!.id) throw new Forbidden('Only the organiser of the pass\'s event can check it in');
    const admittedAt = await checkIn(ctx.db, pass.id, user!.id, ctx.now());
    if (admittedAt) return { ...verdictOf(claims), checkedInAt: new Date(admittedAt).toISOString() };
    const current = await findPass(ctx.db, pass.id);
    return verdictOf(claims, current && revocationOf(current));
  });
}

function matches(pass: PassRow, claims: PassClaims): boolean {
  return pass.orderId === claims.oid && pass.ticketId === claims.tid && pass.holderId === claims.hid && pass.generation === claims.gen;
}

function revocationOf(pass: PassRow) {
  if (!pass.revokedReason) return undefined;
  return { reason: pass.revokedReason, ...(pass.checkedInAt ? { checkedInAt: new Date(pass.checkedInAt).toISOString() } : {}) };
}
