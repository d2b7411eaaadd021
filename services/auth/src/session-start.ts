// Signing a user in: a fresh session token in the cookie. If the user just signed out everywhere,
// the token waits for the cut-off (at most a second): issued any earlier, its iat would fall
// before it and every service would refuse the new session. The cut-off is read from the
// database, so a sign-in on another replica than the sign-out's waits too.
import { latestCutoff } from '@ticketing/common';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from './auth-context';
import { setSessionCookie } from './session-cookie';

export async function startSession(context: AuthContext, reply: FastifyReply, user: { id: string; email: string }): Promise<void> {
  const cutoff = await latestCutoff(context.db, user.id);
  // A loop, not one timer: a timer may fire up to a millisecond early, and a token issued then
  // would still carry the second before the cut-off.
  while (cutoff && Date.now() < cutoff.getTime()) {
    await new Promise((resolve) => setTimeout(resolve, cutoff.getTime() - Date.now() + 1));
  }
  setSessionCookie(reply, await context.tokens.issue(user), context.cookies);
}
