-- What delivery knows of other services' records, fed by their events: a ticket's current seller,
-- event, title and generation (ticket:created/updated, version rule), an event's organiser and
-- status (event:*, newest version wins), and each completed order (order:completed).
CREATE TABLE tickets (
  id         uuid PRIMARY KEY,
  seller_id  uuid NOT NULL,
  event_id   uuid,
  title      text NOT NULL,
  generation int4 NOT NULL DEFAULT 0,
  version    int4 NOT NULL
);

CREATE TABLE events (
  id           uuid PRIMARY KEY,
  organiser_id uuid NOT NULL,
  name         text NOT NULL,
  venue        text NOT NULL,
  city         text NOT NULL,
  starts_at    timestamptz NOT NULL,
  status       text NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
  version      int4 NOT NULL
);

-- refunded_at: the order was cancelled for its event's cancellation (refunded) after completing.
CREATE TABLE completed_orders (
  id           uuid PRIMARY KEY,
  ticket_id    uuid NOT NULL,
  buyer_id     uuid NOT NULL,
  generation   int4 NOT NULL,
  completed_at timestamptz NOT NULL DEFAULT now(),
  refunded_at  timestamptz
);
CREATE INDEX completed_orders_ticket ON completed_orders (ticket_id, generation);

-- An order:cancelled (event-cancelled) that arrived before its order:completed: the pass is issued revoked.
CREATE TABLE refunded_orders (
  id          uuid PRIMARY KEY,
  refunded_at timestamptz NOT NULL DEFAULT now()
);
