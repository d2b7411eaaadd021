-- One signed pass per completed order. revoked_at/revoked_reason: resold (a later generation was
-- sold), refunded (its event was cancelled) or checked-in (admitted: the first scan wins).
CREATE TABLE passes (
  id             uuid PRIMARY KEY,
  order_id       uuid NOT NULL UNIQUE,
  ticket_id      uuid NOT NULL,
  event_id       uuid,
  holder_id      uuid NOT NULL,
  generation     int4 NOT NULL,
  token          text NOT NULL,
  issued_at      timestamptz NOT NULL,
  revoked_at     timestamptz,
  revoked_reason text CHECK (revoked_reason IN ('resold', 'refunded', 'checked-in')),
  checked_in_at  timestamptz,
  checked_in_by  uuid,
  CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE INDEX passes_ticket ON passes (ticket_id, generation);
CREATE INDEX passes_revoked ON passes (revoked_at) WHERE revoked_at IS NOT NULL;
