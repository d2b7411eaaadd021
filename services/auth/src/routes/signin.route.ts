// POST /api/users/signin — one answer for an unknown email and a wrong password, after the same
// scrypt work, so neither the message nor the timing tells who has an account.
import { BadRequest, type HttpApp } from '@ticketing/common';
import type { AuthContext } from '../auth-context';
import { findUserByEmail } from '../db/users.repository';
import { signinBody, userJson } from '../domain/credentials';
import { verifyAgainstDecoy, verifyPassword } from '../password';
import { setSessionCookie } from '../session-cookie';

export function signinRoute(app: HttpApp, context: AuthContext): void {
  app.post('/api/users/signin', { schema: { body: signinBody, response: { 200: userJson } } }, async (request, reply) => {
    const { email, password } = request.body;
    await context.attempts.consume(request.ip, email);
    const user = await findUserByEmail(context.db, email);
    const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDecoy(password);
    if (!user || !valid) throw new BadRequest('Invalid credentials');
    setSessionCookie(reply, await context.tokens.issue(user), context.cookies);
    return reply.code(200).send({ id: user.id, email: user.email });
  });
}
