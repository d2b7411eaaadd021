-- Sales and the double-entry ledger (docs/payouts.md). A sale is one paid order; its amounts are
-- written once when it is booked (payment:created) and never recomputed.
CREATE TABLE sales (
  order_id          uuid PRIMARY KEY,
  ticket_id         uuid NOT NULL,
  seller_id         uuid NOT NULL,
  buyer_id          uuid NOT NULL,
  event_id          uuid,
  gross_cents       int8 NOT NULL CHECK (gross_cents > 0),
  fee_cents         int8 NOT NULL CHECK (fee_cents >= 0),
  net_cents         int8 NOT NULL CHECK (net_cents >= 0 AND fee_cents + net_cents = gross_cents),
  currency          text NOT NULL,
  charge_id         text,
  payment_intent_id text NOT NULL,
  sold_at           timestamptz NOT NULL,
  payable_at        timestamptz NOT NULL,
  state             text NOT NULL CHECK (state IN ('held', 'payable', 'transferred', 'reversed', 'refunded')),
  why               text NOT NULL,
  transfer_id       text UNIQUE,
  reversal_id       text UNIQUE,
  debt_cents        int8 NOT NULL DEFAULT 0 CHECK (debt_cents >= 0),
  transferred_at    timestamptz,
  refunded_at       timestamptz,
  reversed_at       timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sales_seller ON sales (seller_id, sold_at DESC);
CREATE INDEX sales_event_held ON sales (event_id) WHERE state = 'held';

-- What each side sees happen to the money, append-only.
CREATE TABLE sale_timeline (
  id       bigserial PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES sales (order_id),
  state    text NOT NULL,
  at       timestamptz NOT NULL,
  why      text NOT NULL
);
CREATE INDEX sale_timeline_order ON sale_timeline (order_id, id);

-- Append-only: one row per entry, the entries of one movement (movement_id) sum to zero; debit
-- positive, credit negative. The unique index makes each movement of a sale happen at most once
-- (a sale is charged, transferred, refunded and reversed at most once each). The repository only
-- ever inserts here (ledger.repository.ts).
CREATE TABLE ledger_entries (
  id           bigserial PRIMARY KEY,
  movement_id  uuid NOT NULL,
  movement     text NOT NULL CHECK (movement IN ('charge', 'transfer', 'refund', 'reversal')),
  order_id     uuid NOT NULL REFERENCES sales (order_id),
  account      text NOT NULL,
  amount_cents int8 NOT NULL,
  currency     text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ledger_entries_once ON ledger_entries (order_id, movement, account);
CREATE INDEX ledger_entries_movement ON ledger_entries (movement_id);
