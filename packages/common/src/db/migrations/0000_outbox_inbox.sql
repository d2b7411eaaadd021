-- Outbox: events written in the same transaction as the state change; the relay sends them.
CREATE TABLE IF NOT EXISTS outbox (
  seq        bigserial PRIMARY KEY,
  id         uuid NOT NULL UNIQUE,
  subject    text NOT NULL,
  envelope   jsonb NOT NULL,
  headers    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at    timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (seq) WHERE sent_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Inbox: (event, consumer group) pairs already handled, recorded with the handler's effect.
CREATE TABLE IF NOT EXISTS inbox (
  event_id       uuid NOT NULL,
  consumer_group text NOT NULL,
  subject        text NOT NULL,
  handled_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, consumer_group)
);
CREATE INDEX IF NOT EXISTS inbox_handled_at ON inbox (handled_at);
