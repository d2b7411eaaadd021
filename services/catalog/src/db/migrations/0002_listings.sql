-- The replica of listings tied to an event (ticket:created / ticket:updated, version rule); tickets
-- without an event are not kept. reserved: an order holds it; withdrawn: its event was cancelled.
CREATE TABLE listings (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL,
  title text NOT NULL,
  price_cents int4 NOT NULL,
  face_value_cents int4,
  cap_percent int4,
  user_id uuid NOT NULL,
  reserved boolean NOT NULL DEFAULT false,
  withdrawn boolean NOT NULL DEFAULT false,
  version int4 NOT NULL
);

-- What is on sale for an event, cheapest first (its page, its count and lowest price).
CREATE INDEX listings_available ON listings (event_id, price_cents, id) WHERE NOT reserved AND NOT withdrawn;
