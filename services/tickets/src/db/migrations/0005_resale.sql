-- Issue 17 (docs/ticket-delivery.md): a bought ticket can be listed again by its buyer.
-- generation: 0 for the first listing, n + 1 for the resale of generation n (ticket events carry it).
-- holder_id: the buyer of the current generation's completed order (from order:completed), the one
-- who may resell it; cleared when they do. Sales completed before this migration have no holder.
ALTER TABLE tickets
  ADD COLUMN generation int4 NOT NULL DEFAULT 0 CHECK (generation >= 0),
  ADD COLUMN holder_id uuid;
