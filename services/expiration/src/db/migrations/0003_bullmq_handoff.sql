-- Expiries to hand to BullMQ (infra mode): the order:created consumer writes one in its
-- transaction instead of calling Redis while that transaction is open; the hand-off pump adds the
-- job (its id is the order's, so adding twice is harmless) and then deletes the row.
CREATE TABLE IF NOT EXISTS bullmq_handoff (
  order_id uuid PRIMARY KEY,
  fire_at  timestamptz NOT NULL
);
