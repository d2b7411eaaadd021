-- The terms the buyer was shown, recorded with the order (issue 11): the replica of tickets keeps
-- changing with the seller's edits, the order's price must not. Existing orders take the replica's
-- current terms, the best that is known about them.
ALTER TABLE orders
  ADD COLUMN ticket_title text,
  ADD COLUMN ticket_price_cents int4,
  ADD COLUMN ticket_version int4;

UPDATE orders o
   SET ticket_title = t.title, ticket_price_cents = t.price_cents, ticket_version = t.version
  FROM tickets t
 WHERE t.id = o.ticket_id;

ALTER TABLE orders
  ALTER COLUMN ticket_title SET NOT NULL,
  ALTER COLUMN ticket_price_cents SET NOT NULL,
  ALTER COLUMN ticket_version SET NOT NULL;
