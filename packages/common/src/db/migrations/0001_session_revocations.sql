-- Revoked sessions (session:revoked): one session id signed out, or every session of a user issued
-- before a cut-off ("sign out everywhere"). Every service keeps this table and a copy in memory
-- (packages/common/src/sessions); replicas of a service share the table and read what the others
-- recorded by `recorded_at`. A row goes when no token it names can still be unexpired.
CREATE TABLE IF NOT EXISTS session_revocations (
  id            bigserial PRIMARY KEY,
  user_id       text NOT NULL,
  session_id    text,
  issued_before timestamptz,
  expires_at    timestamptz NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT session_revocations_one_kind CHECK ((session_id IS NULL) <> (issued_before IS NULL))
);
CREATE UNIQUE INDEX IF NOT EXISTS session_revocations_session ON session_revocations (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS session_revocations_cutoffs ON session_revocations (user_id, issued_before) WHERE issued_before IS NOT NULL;
CREATE INDEX IF NOT EXISTS session_revocations_recorded_at ON session_revocations (recorded_at);
CREATE INDEX IF NOT EXISTS session_revocations_expires_at ON session_revocations (expires_at);
