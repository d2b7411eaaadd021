-- Release timers (the scheduler port, packages/common/src/scheduler): the DB adapter's timers
-- (embedded mode) and the BullMQ adapter's hand-off rows (infra mode). Key: "<order id>@<payable
-- time in ms>", one per payable time, so an event moved later or earlier gets a timer of its own
-- (a key's first timer stands) and a timer for a time that no longer holds does nothing.
CREATE TABLE release_timers (
  key     text PRIMARY KEY,
  fire_at timestamptz NOT NULL
);
CREATE INDEX release_timers_fire_at ON release_timers (fire_at);

CREATE TABLE release_timers_handoff (
  key     text PRIMARY KEY,
  fire_at timestamptz NOT NULL
);

-- Provider calls owed: a transfer of a payable sale whose seller can be paid, or the reversal of a
-- refunded sale's transfer. Written in the transaction that decides it (the claim); the payout
-- worker calls Stripe with no transaction open, with a key derived from the sale, and deletes the
-- row in the transaction that records the outcome. lease_until: a worker is on it.
CREATE TABLE payout_jobs (
  order_id        uuid NOT NULL REFERENCES sales (order_id),
  kind            text NOT NULL CHECK (kind IN ('transfer', 'reversal')),
  attempts        int4 NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until     timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, kind)
);
CREATE INDEX payout_jobs_next ON payout_jobs (next_attempt_at);
