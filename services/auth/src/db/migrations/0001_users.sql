-- Users and their credentials. Email uniqueness is the database's job (concurrent sign-ups with
-- one address get exactly one row); emails are stored trimmed and lower-cased.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_unique UNIQUE (email),
  CONSTRAINT users_email_normalised CHECK (email = lower(btrim(email)))
);
