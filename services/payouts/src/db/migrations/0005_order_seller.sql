-- Issue 17 (docs/ticket-delivery.md): a ticket can be resold, so its seller at ticket:created is not
-- always who sold it to this order. order:created names the seller of the generation ordered
-- (ticket.sellerId); events published before it did leave it null (the ticket's seller applies).
ALTER TABLE orders ADD COLUMN seller_id uuid;
