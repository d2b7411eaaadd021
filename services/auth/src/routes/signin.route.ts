// POST /api/users/signin — one answer for an unknown email and a wrong password, after the same
// scrypt work, so neither the message nor the timing tells who has an account. A hash made with
// older parameters is replaced on the way (the password is at hand only now).
import { BadRequest, type HttpApp } from '@ticketing/common';
import type { AuthContext } from '../auth-context';
import { findUserByEmail, replacePasswordHash, type User } from '../db/users.repository';
import { signinBody, userJson } from '../domain/credentials';
import { startSession } from '../session-start';

export function signinRoute(app: HttpApp, context: AuthContext): void {
  app.post('/api/users/signin', { schema: { body: signinBody, response: { 200: userJson } } }, async (request, reply) => {
    const { email, password } = request.body;
    const attempt = await context.attempts.begin(request.ip, email);
    const user = await findUserByEmail(context.db, email);
    const valid = user ? await context.passwords.verify(password, user.passwordHash) : await context.passwords.verifyAgainstDecoy(password);
    if (!user || !valid) throw new BadRequest('Invalid credentials');
    await attempt.succeeded();
    await upgradeHash(context, user, password);
    await startSession(context, reply, user);
    return reply.code(200).send({ id: user.id, email: user.email });
  });
}

async function upgradeHash(context: AuthContext, user: User, password: string): Promise<void> {
  if (!context.passwords.needsRehash(user.passwordHash)) return;
  await replacePasswordHash(context.db, user, await context.passwords.hash(password));
}
