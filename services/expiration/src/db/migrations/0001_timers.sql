-- Durable expiry timers (embedded mode's scheduler): one per order, deleted when it fires.
CREATE TABLE IF NOT EXISTS timers (
  order_id uuid PRIMARY KEY,
  fire_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS timers_fire_at ON timers (fire_at);
