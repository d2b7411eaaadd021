-- The replica of tickets (fed by ticket:created / ticket:updated, applied in version order).
CREATE TABLE tickets (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  price_cents int4 NOT NULL,
  user_id uuid NOT NULL,
  version int4 NOT NULL
);

CREATE TABLE orders (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  status text NOT NULL CHECK (status IN ('created', 'cancelled', 'awaiting:payment', 'complete')),
  expires_at timestamptz NOT NULL,
  version int4 NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- No double-booking (architecture decision 7): at most one reserving order per ticket.
CREATE UNIQUE INDEX orders_one_reservation_per_ticket ON orders (ticket_id)
  WHERE status IN ('created', 'awaiting:payment', 'complete');

CREATE INDEX orders_by_user ON orders (user_id, created_at, id);
