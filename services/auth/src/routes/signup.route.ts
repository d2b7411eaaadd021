// POST /api/users/signup — creates the user and signs them in.
import { BadRequest, type HttpApp } from '@ticketing/common';
import type { AuthContext } from '../auth-context';
import { insertUser } from '../db/users.repository';
import { signupBody, userJson } from '../domain/credentials';
import { hashPassword } from '../password';
import { setSessionCookie } from '../session-cookie';

export function signupRoute(app: HttpApp, context: AuthContext): void {
  app.post('/api/users/signup', { schema: { body: signupBody, response: { 201: userJson } } }, async (request, reply) => {
    const { email, password } = request.body;
    await context.attempts.consume(request.ip, email);
    const user = await insertUser(context.db, { email, passwordHash: await hashPassword(password) });
    if (!user) throw new BadRequest('Email in use');
    setSessionCookie(reply, await context.tokens.issue(user), context.cookies);
    return reply.code(201).send({ id: user.id, email: user.email });
  });
}
