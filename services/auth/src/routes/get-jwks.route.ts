// GET /api/users/.well-known/jwks.json — the public key other services verify sessions with.
import type { HttpApp } from '@ticketing/common';
import type { AuthContext } from '../auth-context';
import { jwksOf } from '../session-token';

export function getJwksRoute(app: HttpApp, context: AuthContext): void {
  const jwks = jwksOf(context.signingKey);
  app.get('/api/users/.well-known/jwks.json', async (_request, reply) => {
    // Verifiers cache it (the kernel's remote JWKS keeps keys for 10 minutes).
    void reply.header('cache-control', 'public, max-age=300');
    return jwks;
  });
}
