-- Orders whose expiry has fired: the fire commits its row with its expiration:complete (outbox),
-- so a fire repeated after a crash (a BullMQ job re-run after its worker died between the commit
-- and the job's completion) publishes nothing a second time.
CREATE TABLE IF NOT EXISTS fired_expiries (
  order_id uuid PRIMARY KEY,
  fired_at timestamptz NOT NULL DEFAULT now()
);
