-- Orders whose order:cancelled arrived while they did not hold their ticket: their order:created
-- was still on its way (order:created and order:cancelled travel on separate queues). When it
-- arrives it must not reserve the ticket for an order that is already cancelled.
CREATE TABLE IF NOT EXISTS early_cancels (
  order_id    uuid PRIMARY KEY,
  ticket_id   uuid NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
