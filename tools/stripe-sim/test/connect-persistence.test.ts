import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SIM_AUTH, startSimulator, stripeFor } from './support/harness';
import { connectedAccount, paidCharge } from './support/connect';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// Issue 16 (embedded mode keeps a state file): accounts, links, transfers, reversals and balance
// adjustments survive a restart like payments do — the payouts ledger is reconciled against them.
describe('Connect state across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stripe-sim-connect-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps accounts, links, transfers, reversals, balances and transfer idempotency keys', async () => {
    const stateFile = join(dir, 'connect.jsonl');
    const first = await startSimulator({ stateFile });
    const stripe = stripeFor(first);
    const onboarded = await connectedAccount(stripe, { userId: 'kept' });
    await fetch(`${first.url}/__sim/accounts/${onboarded.id}/complete-onboarding`, { method: 'POST', headers: SIM_AUTH });
    const charge = await paidCharge(stripe, { amount: 5_000 });
    const params = { amount: 4_000, currency: 'usd', destination: onboarded.id, source_transaction: charge };
    const transfer = await stripe.transfers.create(params, { idempotencyKey: 'payout-transfer-kept' });
    await stripe.transfers.createReversal(transfer.id, { amount: 1_000 });
    first.adjustAccountBalance(onboarded.id, { debit: 500 });
    const pending = await connectedAccount(stripe);
    const link = await stripe.accountLinks.create({ account: pending.id, type: 'account_onboarding', refresh_url: 'http://localhost/r', return_url: 'http://localhost/ok' });
    const linkPath = new URL(link.url).pathname;
    await first.stop();

    const second = await startSimulator({ stateFile });
    try {
      const again = stripeFor(second);
      expect(await again.accounts.retrieve(onboarded.id)).toMatchObject({ payouts_enabled: true, metadata: { userId: 'kept' } });
      expect(await again.transfers.retrieve(transfer.id)).toMatchObject({ amount_reversed: 1_000, reversals: { data: [expect.objectContaining({ amount: 1_000 })] } });
      expect((await again.transfers.listReversals(transfer.id)).data).toHaveLength(1);
      const replay = await again.transfers.create(params, { idempotencyKey: 'payout-transfer-kept' });
      expect(replay.id).toBe(transfer.id);
      expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
      expect((await again.balance.retrieve({}, { stripeAccount: onboarded.id })).available[0].amount).toBe(4_000 - 1_000 - 500);
      expect((await again.balance.retrieve()).available[0].amount).toBe(5_000 - 4_000 + 1_000);
      // The link made before the restart still opens the page and onboards (and that is saved too).
      const submitted = await fetch(`${second.url}${linkPath}`, { method: 'POST', headers: FORM, body: 'name=Sam', redirect: 'manual' });
      expect(submitted.headers.get('location')).toBe('http://localhost/ok');
    } finally {
      await second.stop();
    }
    const third = await startSimulator({ stateFile });
    try {
      expect(third.accounts().find((account) => account.id === pending.id)).toMatchObject({ details_submitted: true });
      const reused = await fetch(`${third.url}${linkPath}`, { redirect: 'manual' });
      expect(reused.headers.get('location')).toBe('http://localhost/r');
    } finally {
      await third.stop();
    }
  });
});
