// POST /api/users/signup — creates the user and signs them in. "Email in use" stays the answer for
// a taken address (the seed client shows it), so it counts as a failed attempt, like a wrong
// password: the per-address limit and the per-email delay keep it from enumerating at speed.
import { BadRequest, type HttpApp } from '@ticketing/common';
import type { AuthContext } from '../auth-context';
import { insertUser } from '../db/users.repository';
import { signupBody, userJson } from '../domain/credentials';
import { startSession } from '../session-start';

export function signupRoute(app: HttpApp, context: AuthContext): void {
  app.post('/api/users/signup', { schema: { body: signupBody, response: { 201: userJson } } }, async (request, reply) => {
    const { email, password } = request.body;
    const attempt = await context.attempts.begin(request.ip, email);
    const user = await insertUser(context.db, { email, passwordHash: await context.passwords.hash(password) });
    if (!user) throw new BadRequest('Email in use');
    await attempt.succeeded();
    await startSession(context, reply, user);
    return reply.code(201).send({ id: user.id, email: user.email });
  });
}
