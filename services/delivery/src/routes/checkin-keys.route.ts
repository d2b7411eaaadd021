// GET /api/checkin/jwks.json — the public key(s) passes are signed with.
// GET /api/checkin/revocations — every revoked pass: with the JWKS, a scanner verifies offline.
import type { HttpApp } from '@ticketing/common';
import { listRevocations } from '../db/passes.repository';
import { passJwks } from '../domain/pass-token';
import type { RouteContext } from './route-context';

export function registerCheckinKeys(app: HttpApp, ctx: RouteContext): void {
  app.get('/api/checkin/jwks.json', async (_request, reply) => {
    void reply.header('cache-control', 'public, max-age=300');
    return passJwks(ctx.keys.pass);
  });
  app.get('/api/checkin/revocations', async (_request, reply) => {
    void reply.header('cache-control', 'no-cache');
    return { revoked: await listRevocations(ctx.db) };
  });
}
