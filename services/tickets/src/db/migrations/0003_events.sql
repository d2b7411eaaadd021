-- The replica of catalog's events (event:created, event:updated, event:cancelled under the version
-- rule): what a listing checks (scheduled, not started) and where its price cap comes from.
CREATE TABLE IF NOT EXISTS events (
  id        uuid PRIMARY KEY,
  name      text NOT NULL,
  venue     text NOT NULL,
  city      text NOT NULL,
  country   text NOT NULL,
  starts_at timestamptz NOT NULL,
  status    text NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
  user_id   uuid NOT NULL,
  version   int4 NOT NULL
);
