-- Issue 17 (docs/ticket-delivery.md): a bought ticket can be listed again, as its next generation.
-- The replica keeps the generation tickets publishes (absent: 0), and an order records the one it
-- is for. No double sale is now per (ticket, generation): generation 0's complete order stays
-- complete while generation 1 is sold, and two buyers of one generation still get one order.
ALTER TABLE tickets ADD COLUMN generation int4 NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN ticket_generation int4 NOT NULL DEFAULT 0;

DROP INDEX orders_one_reservation_per_ticket;
CREATE UNIQUE INDEX orders_one_reservation_per_ticket_generation ON orders (ticket_id, ticket_generation)
  WHERE status IN ('created', 'awaiting:payment', 'complete');
