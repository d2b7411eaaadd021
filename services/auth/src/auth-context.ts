// What auth's routes share: the database, token issuing, cookie policy, attempt limits, password
// hashing, the key, revoked sessions.
import type { Db, RevocationList } from '@ticketing/common';
import type { AttemptLimiter } from './attempt-limiter';
import type { PasswordHasher } from './password';
import type { CookiePolicy } from './session-cookie';
import type { SessionTokens } from './session-token';
import type { SigningKey } from './signing-key';

export interface AuthContext {
  db: Db;
  tokens: SessionTokens;
  cookies: CookiePolicy;
  attempts: AttemptLimiter;
  passwords: PasswordHasher;
  signingKey: SigningKey;
  /** The sessions this replica knows are revoked (the kernel's session check reads the same list). */
  revocations: RevocationList;
}
