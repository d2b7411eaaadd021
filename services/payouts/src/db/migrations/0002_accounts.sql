-- One Stripe connected account per seller. The row is claimed before the account is created at
-- Stripe (a key derived from the seller makes concurrent creations one), and stripe_account_id is
-- filled by whichever of the API answer and the account.updated webhook comes first.
-- status_at: the `created` time of the provider event that last set payouts_enabled (an older
-- event delivered late does not undo a newer one).
CREATE TABLE accounts (
  seller_id         uuid PRIMARY KEY,
  stripe_account_id text UNIQUE,
  payouts_enabled   boolean NOT NULL DEFAULT false,
  status_at         timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Connect webhook events already applied (duplicate deliveries change nothing).
CREATE TABLE stripe_events (
  id          text PRIMARY KEY,
  type        text NOT NULL,
  account     text,
  received_at timestamptz NOT NULL DEFAULT now()
);
