// POST /api/users/signout — clears the session cookie (the JWT itself stays valid until it expires).
import type { HttpApp } from '@ticketing/common';
import type { AuthContext } from '../auth-context';
import { clearSessionCookie } from '../session-cookie';

export function signoutRoute(app: HttpApp, context: AuthContext): void {
  app.post('/api/users/signout', async (_request, reply) => {
    clearSessionCookie(reply, context.cookies);
    return reply.code(200).send({});
  });
}
