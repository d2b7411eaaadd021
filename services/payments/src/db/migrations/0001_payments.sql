-- The payments service's replica of orders (fed by order:created / order:cancelled).
CREATE TABLE IF NOT EXISTS orders (
  id          uuid PRIMARY KEY,
  version     int4 NOT NULL,
  user_id     uuid NOT NULL,
  price_cents int4 NOT NULL,
  status      text NOT NULL,
  expires_at  timestamptz NOT NULL
);

-- One row per payment attempt. `pending` with a live lease: a charge is in flight; `pending` with
-- an expired lease: its outcome is unknown and it is retried with the same Stripe key.
CREATE TABLE IF NOT EXISTS payments (
  id                     uuid PRIMARY KEY,
  order_id               uuid NOT NULL REFERENCES orders (id),
  user_id                uuid NOT NULL,
  client_key             text,
  stripe_idempotency_key text NOT NULL UNIQUE,
  payment_method         text NOT NULL,
  amount                 int4 NOT NULL,
  currency               text NOT NULL,
  status                 text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
  lease_until            timestamptz,
  stripe_id              text,
  refund_id              text,
  response_status        int4,
  response_body          jsonb,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);

-- The stored answer for a client's Idempotency-Key.
CREATE UNIQUE INDEX IF NOT EXISTS payments_client_key ON payments (user_id, client_key) WHERE client_key IS NOT NULL;

-- At most one attempt in flight or paid per order: never two charges for one order.
CREATE UNIQUE INDEX IF NOT EXISTS payments_one_live_per_order ON payments (order_id) WHERE status IN ('pending', 'succeeded');

-- Stripe webhook events, each recorded once.
CREATE TABLE IF NOT EXISTS stripe_events (
  id          text PRIMARY KEY,
  type        text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
