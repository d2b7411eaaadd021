-- Effects of the test consumers. No unique constraint on purpose: an event applied twice shows up
-- as two rows, so "exactly once" is something the inbox has to earn.
CREATE TABLE effects (
  seq        serial PRIMARY KEY,
  event_id   uuid NOT NULL,
  ticket_id  uuid NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- A versioned replica (like orders' copy of tickets): updates apply in version order.
CREATE TABLE replica_tickets (
  id       uuid PRIMARY KEY,
  version  int4 NOT NULL,
  title    text NOT NULL,
  updates  int4 NOT NULL DEFAULT 0
);
