// Revoking sessions: the revocation is recorded in auth's own table (its other replicas read it
// there) and published as session:revoked in the same transaction (every other service records it
// by its kernel consumer), then remembered here at once, so this replica refuses the token from
// the next request on. "Sign out everywhere" revokes every session issued before the next whole
// second: tokens carry iat in seconds, so one issued earlier in this second is caught too, and a
// new sign-in waits for that second (session-start.ts) rather than be caught by it.
import { insertRevocation, type CurrentUser, type Revocation } from '@ticketing/common';
import type { AuthContext } from './auth-context';

export async function revokeSession(context: AuthContext, session: CurrentUser): Promise<void> {
  await record(context, { userId: session.id, sessionId: session.sessionId, expiresAt: new Date(session.exp * 1000).toISOString() });
}

export async function revokeAllSessions(context: AuthContext, userId: string): Promise<void> {
  const before = (Math.floor(Date.now() / 1000) + 1) * 1000;
  // Every token issued before the cut-off expires within one lifetime of it.
  const expiresAt = before + context.tokens.ttlSeconds * 1000;
  await record(context, { userId, all: true, before: new Date(before).toISOString(), expiresAt: new Date(expiresAt).toISOString() });
}

async function record(context: AuthContext, revocation: Revocation): Promise<void> {
  await context.db.transaction(async (tx) => {
    await insertRevocation(tx, revocation);
    await tx.publish('session:revoked', revocation);
  });
  context.revocations.remember(revocation);
}
