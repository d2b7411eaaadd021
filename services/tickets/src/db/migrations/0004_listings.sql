-- Listings tied to an event (issue 15). event_id and the face value are fixed at listing time;
-- cap_percent is the resale cap that applied at the last price check. event_starts_at copies the
-- event's startsAt (kept current by event:updated) so the startsAt sort has an index of its own.
-- withdrawn: the event was cancelled, the ticket is never for sale again.
ALTER TABLE tickets
  ADD COLUMN event_id uuid REFERENCES events (id),
  ADD COLUMN event_starts_at timestamptz,
  ADD COLUMN face_value_cents int4 CHECK (face_value_cents > 0),
  ADD COLUMN cap_percent int4 CHECK (cap_percent > 0),
  ADD COLUMN withdrawn boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT tickets_event_has_face_value CHECK (event_id IS NULL OR face_value_cents IS NOT NULL),
  ADD CONSTRAINT tickets_face_value_has_cap CHECK ((face_value_cents IS NULL) = (cap_percent IS NULL));

-- The browse list: available tickets (no order holds them, not withdrawn), one index per sort,
-- each ending in id, the keyset's tie-breaker. Listings without an event sort last by startsAt.
DROP INDEX IF EXISTS tickets_available_by_age;
CREATE INDEX tickets_available_newest ON tickets (created_at DESC, id DESC) WHERE order_id IS NULL AND NOT withdrawn;
CREATE INDEX tickets_available_by_price ON tickets (price_cents, id) WHERE order_id IS NULL AND NOT withdrawn;
CREATE INDEX tickets_available_by_starts_at ON tickets ((COALESCE(event_starts_at, 'infinity'::timestamptz)), id)
  WHERE order_id IS NULL AND NOT withdrawn;
-- q: the words of the title (the simple configuration: no stemming, case-folded).
CREATE INDEX tickets_available_title_words ON tickets USING gin (to_tsvector('simple', title)) WHERE order_id IS NULL AND NOT withdrawn;
-- An event's listings: the eventId filter, and the withdrawal when the event is cancelled.
CREATE INDEX tickets_by_event ON tickets (event_id) WHERE event_id IS NOT NULL;
