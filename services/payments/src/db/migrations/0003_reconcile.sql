-- request_fingerprint: what a client's Idempotency-Key was first used for (user, order, body); the
-- same key with anything else is refused instead of replaying another request's answer.
-- last_charge_at: when a charge was last sent for the attempt. An attempt whose outcome is unknown
-- is looked up at the provider, never charged again by anyone but its buyer; a lookup that finds
-- nothing is trusted only once the provider's search has had time to catch up with that charge.
ALTER TABLE payments ADD COLUMN IF NOT EXISTS request_fingerprint text;
ALTER TABLE payments ADD COLUMN IF NOT EXISTS last_charge_at timestamptz;
-- The webhook for a refund names the PaymentIntent.
CREATE INDEX IF NOT EXISTS payments_stripe_id ON payments (stripe_id) WHERE stripe_id IS NOT NULL;
