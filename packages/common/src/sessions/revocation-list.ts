// The revoked sessions a service knows, in memory, so checking a request's session costs a map
// lookup. Filled from the service's session_revocations table at start, by the session:revoked
// consumer as events arrive, and by a refresh that reads what other replicas recorded.
import type { EventData } from '../events/contracts';

export type Revocation = EventData<'session:revoked'>;

/** What the check needs of a verified token. */
export interface SessionClaims {
  userId: string;
  sessionId: string;
  /** Issued at, in seconds (the JWT's iat). */
  iat: number;
}

export class RevocationList {
  /** Revoked session id → when its token expires (ms). */
  private readonly sessions = new Map<string, number>();
  /** User id → the latest "sign out everywhere": tokens issued before `beforeMs` are revoked. */
  private readonly cutoffs = new Map<string, { beforeMs: number; expiresAtMs: number }>();

  remember(revocation: Revocation): void {
    const expiresAtMs = Date.parse(revocation.expiresAt);
    if (revocation.sessionId) {
      this.sessions.set(revocation.sessionId, Math.max(expiresAtMs, this.sessions.get(revocation.sessionId) ?? 0));
      return;
    }
    const beforeMs = Date.parse(revocation.before!);
    const known = this.cutoffs.get(revocation.userId);
    if (!known || beforeMs > known.beforeMs) this.cutoffs.set(revocation.userId, { beforeMs, expiresAtMs });
  }

  isRevoked(claims: SessionClaims): boolean {
    if (this.sessions.has(claims.sessionId)) return true;
    const cutoff = this.cutoffs.get(claims.userId);
    return cutoff !== undefined && claims.iat * 1000 < cutoff.beforeMs;
  }

  /** Drops what names only expired tokens (they are refused for their expiry anyway). */
  forgetExpired(nowMs = Date.now()): void {
    for (const [sessionId, expiresAtMs] of this.sessions) if (expiresAtMs < nowMs) this.sessions.delete(sessionId);
    for (const [userId, cutoff] of this.cutoffs) if (cutoff.expiresAtMs < nowMs) this.cutoffs.delete(userId);
  }
}
