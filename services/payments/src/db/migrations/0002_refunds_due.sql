-- Money to give back: one row per payment whose order was cancelled while it held (or may have
-- held) a charge. Written in the transaction that learns of it (the order:cancelled consumer, or a
-- payment settling after its order was cancelled); the refund worker calls the provider with no
-- transaction open and deletes the row in the transaction that records the refund. `lease_until`:
-- a worker is on it (another replica leaves it alone until then, or until that worker has died).
CREATE TABLE IF NOT EXISTS refunds_due (
  payment_id      uuid PRIMARY KEY REFERENCES payments (id),
  attempts        int4 NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until     timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS refunds_due_next ON refunds_due (next_attempt_at);
