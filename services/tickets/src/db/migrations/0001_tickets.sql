-- Tickets, the source of truth. order_id is the reservation mark (set while an order holds it).
CREATE TABLE tickets (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  price_cents int4 NOT NULL CHECK (price_cents > 0),
  user_id uuid NOT NULL,
  order_id uuid,
  version int4 NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The browse list: available tickets, oldest first, paged by (created_at, id).
CREATE INDEX tickets_available_by_age ON tickets (created_at, id) WHERE order_id IS NULL;
