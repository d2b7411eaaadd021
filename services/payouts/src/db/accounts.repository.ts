// SQL for accounts (0002_accounts.sql): each seller's Stripe connected account.
import type { Queryable } from '@ticketing/common';

export interface AccountRow {
  sellerId: string;
  stripeAccountId: string | null;
  payoutsEnabled: boolean;
}

const columns = 'seller_id AS "sellerId", stripe_account_id AS "stripeAccountId", payouts_enabled AS "payoutsEnabled"';

export async function findAccount(db: Queryable, sellerId: string): Promise<AccountRow | undefined> {
  const [row] = await db.query<AccountRow>(`SELECT ${columns} FROM accounts WHERE seller_id = $1`, [sellerId]);
  return row;
}

/** The seller's row, created if missing (the claim before the account is made at Stripe). */
export async function claimAccount(db: Queryable, sellerId: string): Promise<void> {
  await db.query('INSERT INTO accounts (seller_id) VALUES ($1) ON CONFLICT DO NOTHING', [sellerId]);
}

/** Records the connected account's id unless one is already recorded (the API answer or a webhook came first). */
export async function recordStripeAccount(db: Queryable, sellerId: string, stripeAccountId: string): Promise<AccountRow> {
  const [row] = await db.query<AccountRow>(
    `INSERT INTO accounts (seller_id, stripe_account_id) VALUES ($1, $2)
     ON CONFLICT (seller_id) DO UPDATE SET stripe_account_id = COALESCE(accounts.stripe_account_id, EXCLUDED.stripe_account_id), updated_at = now()
     RETURNING ${columns}`,
    [sellerId, stripeAccountId],
  );
  return row;
}

/**
 * What an account.updated said, unless a newer event already spoke (events may arrive out of
 * order). Returns the row as it is now, and whether payouts just became enabled.
 */
export async function recordAccountStatus(
  db: Queryable, status: { sellerId: string; stripeAccountId: string; payoutsEnabled: boolean; at: Date },
): Promise<{ account: AccountRow; enabledNow: boolean }> {
  const [before] = await db.query<{ enabled: boolean }>('SELECT payouts_enabled AS enabled FROM accounts WHERE seller_id = $1 FOR UPDATE', [status.sellerId]);
  const [row] = await db.query<AccountRow>(
    `INSERT INTO accounts (seller_id, stripe_account_id, payouts_enabled, status_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (seller_id) DO UPDATE SET
       stripe_account_id = COALESCE(accounts.stripe_account_id, EXCLUDED.stripe_account_id),
       payouts_enabled = CASE WHEN accounts.status_at IS NULL OR accounts.status_at <= EXCLUDED.status_at
                              THEN EXCLUDED.payouts_enabled ELSE accounts.payouts_enabled END,
       status_at = GREATEST(accounts.status_at, EXCLUDED.status_at),
       updated_at = now()
     RETURNING ${columns}`,
    [status.sellerId, status.stripeAccountId, status.payoutsEnabled, status.at.toISOString()],
  );
  return { account: row, enabledNow: row.payoutsEnabled && !before?.enabled };
}

export async function findAccountByStripeId(db: Queryable, stripeAccountId: string): Promise<AccountRow | undefined> {
  const [row] = await db.query<AccountRow>(`SELECT ${columns} FROM accounts WHERE stripe_account_id = $1`, [stripeAccountId]);
  return row;
}
