import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { rejection, SIM_AUTH, startSimulator, stripeFor } from './support/harness';
import { connectedAccount } from './support/connect';

// Issue 16: the payouts service creates one Express account per seller and onboards it.
describe('Connect accounts', () => {
  let simulator: StripeSimulator;
  let stripe: Stripe;

  beforeAll(async () => {
    simulator = await startSimulator();
    stripe = stripeFor(simulator);
  });
  afterAll(() => simulator.stop());

  it('a new express account is not enabled: transfers inactive, requirements currently due', async () => {
    const account = await connectedAccount(stripe, { userId: 'u-1' });
    expect(account.id).toMatch(/^acct_[A-Za-z0-9]{16}$/);
    expect(account).toMatchObject({
      object: 'account', type: 'express', country: 'US', email: 'seller@example.com', default_currency: 'usd',
      charges_enabled: false, payouts_enabled: false, details_submitted: false,
      capabilities: { transfers: 'inactive' }, metadata: { userId: 'u-1' },
    });
    expect(account.requirements?.currently_due?.length).toBeGreaterThan(0);
    expect(await stripe.accounts.retrieve(account.id)).toEqual(account);
  });

  it('updates metadata (merged, an empty value removes a key) and sends nothing to the platform endpoint', async () => {
    const account = await connectedAccount(stripe, { userId: 'u-2', keep: 'yes' });
    const updated = await stripe.accounts.update(account.id, { metadata: { userId: 'u-2b', keep: '' } });
    expect(updated.metadata).toEqual({ userId: 'u-2b' });
    expect((await stripe.accounts.retrieve(account.id)).metadata).toEqual({ userId: 'u-2b' });
    const event = simulator.events('account.updated').find((candidate) => (candidate as { account?: string }).account === account.id)!;
    expect(event.data.previous_attributes).toEqual({ metadata: { userId: 'u-2', keep: 'yes' } });
  });

  it('lists accounts newest first with auto-pagination', async () => {
    const made: string[] = [];
    for (let n = 0; n < 5; n++) made.push((await connectedAccount(stripe, { batch: 'list' })).id);
    const all = await stripe.accounts.list({ limit: 2 }).autoPagingToArray({ limit: 100 });
    const ours = all.filter((account) => account.metadata?.batch === 'list').map((account) => account.id);
    expect(ours).toEqual([...made].reverse());
  });

  it('completing onboarding enables charges, payouts and the transfers capability', async () => {
    const account = await connectedAccount(stripe);
    const response = await fetch(`${simulator.url}/__sim/accounts/${account.id}/complete-onboarding`, { method: 'POST', headers: SIM_AUTH });
    expect(response.status).toBe(200);
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({
      details_submitted: true, charges_enabled: true, payouts_enabled: true, capabilities: { transfers: 'active' },
      requirements: { currently_due: [], disabled_reason: null },
    });
  });

  it('refuses bad input the way Stripe does', async () => {
    const noType = await rejection(stripe.accounts.create({ country: 'US' } as Stripe.AccountCreateParams));
    expect(noType).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'type' });
    const badType = await rejection(stripe.accounts.create({ type: 'premium' as 'express', capabilities: { transfers: { requested: true } } }));
    expect(badType).toMatchObject({ statusCode: 400, param: 'type' });
    const noCapability = await rejection(stripe.accounts.create({ type: 'express' }));
    expect(noCapability).toMatchObject({ statusCode: 400, param: 'capabilities' });
    const unknownParam = await rejection(stripe.accounts.create({ type: 'express', colour: 'red' } as Stripe.AccountCreateParams));
    expect(unknownParam).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'colour' });
    const missing = await rejection(stripe.accounts.retrieve('acct_0000000000000000'));
    expect(missing).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(missing).toMatchObject({ statusCode: 403, code: 'account_invalid' });
  });
});
