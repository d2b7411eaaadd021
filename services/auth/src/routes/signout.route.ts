// POST /api/users/signout — revokes the session the cookie names (every service refuses it from
// then on, not only this browser) and clears the cookie. Without a valid session it only clears.
import type { HttpApp } from '@ticketing/common';
import type { AuthContext } from '../auth-context';
import { clearSessionCookie } from '../session-cookie';
import { revokeSession } from '../session-revocation';

export function signoutRoute(app: HttpApp, context: AuthContext): void {
  app.post('/api/users/signout', async (request, reply) => {
    if (request.currentUser) await revokeSession(context, request.currentUser);
    clearSessionCookie(reply, context.cookies);
    return reply.code(200).send({});
  });
}
