-- What payouts needs to know of other services' records, fed by their events: a ticket's seller and
-- event (ticket:created), an order's ticket and buyer (order:created), an event's start and status
-- (event:created/updated/cancelled, version rule).
CREATE TABLE tickets (
  id        uuid PRIMARY KEY,
  seller_id uuid NOT NULL,
  event_id  uuid
);

-- price_cents: what the order was to be charged, for a payment:created published before it
-- carried its amount (the charge was that price).
CREATE TABLE orders (
  id          uuid PRIMARY KEY,
  ticket_id   uuid NOT NULL,
  buyer_id    uuid NOT NULL,
  price_cents int8 NOT NULL
);

CREATE TABLE events (
  id        uuid PRIMARY KEY,
  starts_at timestamptz NOT NULL,
  status    text NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
  version   int4 NOT NULL
);
