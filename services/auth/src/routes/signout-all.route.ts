// POST /api/users/signout-all — "sign out everywhere": revokes every session of the signed-in user
// (other browsers, a token someone copied) and clears this cookie. 401 when not signed in.
import { requireAuth, requireUser, type HttpApp } from '@ticketing/common';
import type { AuthContext } from '../auth-context';
import { clearSessionCookie } from '../session-cookie';
import { revokeAllSessions } from '../session-revocation';

export function signoutAllRoute(app: HttpApp, context: AuthContext): void {
  app.post('/api/users/signout-all', { onRequest: requireAuth }, async (request, reply) => {
    await revokeAllSessions(context, requireUser(request).id);
    clearSessionCookie(reply, context.cookies);
    return reply.code(200).send({});
  });
}
