-- Events, the source of truth. `search` is the full-text document of name, venue and city, folded
-- by the service (lower case, no accents: domain/search-text.ts) and parsed with the 'simple'
-- configuration, so it needs no extension PGlite lacks. `city_key` serves the exact,
-- case-insensitive city filter.
CREATE TABLE events (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  venue text NOT NULL,
  city text NOT NULL,
  city_key text NOT NULL,
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  starts_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  user_id uuid NOT NULL,
  version int4 NOT NULL DEFAULT 0,
  search tsvector NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The browse list: scheduled events, soonest first, paged by (starts_at, id); by city likewise.
CREATE INDEX events_upcoming ON events (starts_at, id) WHERE status = 'scheduled';
CREATE INDEX events_upcoming_by_city ON events (city_key, starts_at, id) WHERE status = 'scheduled';
CREATE INDEX events_search ON events USING gin (search);
