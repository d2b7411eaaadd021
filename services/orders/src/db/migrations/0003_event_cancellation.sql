-- Issue 15: a listing may be tied to an event, and an event cancelled makes its buyers whole.
-- The replica keeps the ticket's event (fixed at listing) and whether tickets withdrew it.
ALTER TABLE tickets
  ADD COLUMN event_id uuid,
  ADD COLUMN withdrawn boolean NOT NULL DEFAULT false;

CREATE INDEX tickets_by_event ON tickets (event_id) WHERE event_id IS NOT NULL;

-- Events orders knows are cancelled (from event:cancelled): a ticket of one is never ordered again,
-- even one whose ticket:created arrives after the cancellation.
CREATE TABLE cancelled_events (
  event_id uuid PRIMARY KEY,
  cancelled_at timestamptz NOT NULL DEFAULT now()
);

-- `refunded`: a paid order whose money goes back because its event was cancelled (terminal, holds
-- no ticket). cancel_reason says why an order ended cancelled or refunded, when it was the event.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('created', 'cancelled', 'awaiting:payment', 'complete', 'refunded'));
ALTER TABLE orders ADD COLUMN cancel_reason text CHECK (cancel_reason IN ('event-cancelled'));
