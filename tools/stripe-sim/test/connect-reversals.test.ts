import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { payment, rejection, SIM_AUTH, startSimulator, stripeFor } from './support/harness';
import { onboardedAccount, paidCharge } from './support/connect';

const usd = (balance: Stripe.Balance) => balance.available.find((entry) => entry.currency === 'usd')?.amount ?? 0;

// Issue 16: a refund after the transfer takes the seller's net back with a reversal; a seller who
// was paid out to their bank meanwhile cannot cover it (balance_insufficient: a debt).
describe('transfer reversals and balances', () => {
  let simulator: StripeSimulator;
  let stripe: Stripe;

  beforeAll(async () => {
    simulator = await startSimulator();
    stripe = stripeFor(simulator);
  });
  afterAll(() => simulator.stop());

  it('balances: platform = charges − refunds − transfers + reversals; seller = transfers − reversals', async () => {
    const seller = await onboardedAccount(simulator, stripe);
    expect(usd(await stripe.balance.retrieve())).toBe(0);
    const intent = await stripe.paymentIntents.create(payment({ amount: 10_000 }));
    await stripe.paymentIntents.create(payment({ amount: 5_000, currency: 'eur' }));
    const transfer = await stripe.transfers.create({ amount: 9_500, currency: 'usd', destination: seller.id, source_transaction: intent.latest_charge as string });
    await stripe.refunds.create({ payment_intent: intent.id, amount: 1_000 });
    await stripe.transfers.createReversal(transfer.id, { amount: 500 });

    const platform = await stripe.balance.retrieve();
    expect(platform).toMatchObject({ object: 'balance', livemode: false });
    expect(usd(platform)).toBe(10_000 - 1_000 - 9_500 + 500);
    expect(platform.available.find((entry) => entry.currency === 'eur')?.amount).toBe(5_000);
    expect(platform.pending.every((entry) => entry.amount === 0)).toBe(true);
    const ofSeller = await stripe.balance.retrieve({}, { stripeAccount: seller.id });
    expect(ofSeller.available).toEqual([{ amount: 9_000, currency: 'usd', source_types: { card: 9_000 } }]);
    expect(simulator.balance(seller.id).available[0].amount).toBe(9_000);
    const unknown = await rejection(stripe.balance.retrieve({}, { stripeAccount: 'acct_0000000000000000' }));
    expect(unknown).toMatchObject({ statusCode: 403, code: 'account_invalid' });
    const elsewhere = await rejection(stripe.transfers.list({}, { stripeAccount: seller.id }));
    expect(elsewhere).toMatchObject({ statusCode: 400 });
  });

  it('a reversal takes what remains by default, updates the transfer, lists and retrieves', async () => {
    const seller = await onboardedAccount(simulator, stripe);
    const transfer = await stripe.transfers.create({ amount: 4_750, currency: 'usd', destination: seller.id, source_transaction: await paidCharge(stripe, { amount: 5_000 }) });
    const partial = await stripe.transfers.createReversal(transfer.id, { amount: 750, metadata: { why: 'partial' } });
    expect(partial.id).toMatch(/^trr_/);
    expect(partial).toMatchObject({ object: 'transfer_reversal', amount: 750, currency: 'usd', transfer: transfer.id, metadata: { why: 'partial' } });
    expect(await stripe.transfers.retrieve(transfer.id)).toMatchObject({ amount_reversed: 750, reversed: false });
    const rest = await stripe.transfers.createReversal(transfer.id, {}, { idempotencyKey: 'payout-reversal-1' });
    expect(rest.amount).toBe(4_000);
    const replay = await stripe.transfers.createReversal(transfer.id, {}, { idempotencyKey: 'payout-reversal-1' });
    expect(replay.id).toBe(rest.id);
    const after = await stripe.transfers.retrieve(transfer.id);
    expect(after).toMatchObject({ amount_reversed: 4_750, reversed: true });
    expect(after.reversals.data.map((reversal) => reversal.id)).toEqual([rest.id, partial.id]);
    const listed = await stripe.transfers.listReversals(transfer.id, { limit: 1 }).autoPagingToArray({ limit: 10 });
    expect(listed.map((reversal) => reversal.id)).toEqual([rest.id, partial.id]);
    expect(await stripe.transfers.retrieveReversal(transfer.id, partial.id)).toEqual(partial);
    const done = await rejection(stripe.transfers.createReversal(transfer.id));
    expect(done).toMatchObject({ statusCode: 400, rawType: 'invalid_request_error' });
    expect(await rejection(stripe.transfers.createReversal('tr_unknown'))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('more than remains is refused', async () => {
    const seller = await onboardedAccount(simulator, stripe);
    const transfer = await stripe.transfers.create({ amount: 1_000, currency: 'usd', destination: seller.id, source_transaction: await paidCharge(stripe) });
    const error = await rejection(stripe.transfers.createReversal(transfer.id, { amount: 1_001 }));
    expect(error).toMatchObject({ statusCode: 400, param: 'amount' });
  });

  it('after a payout to the seller bank the reversal is balance_insufficient, and nothing changed', async () => {
    const seller = await onboardedAccount(simulator, stripe);
    const transfer = await stripe.transfers.create({ amount: 2_000, currency: 'usd', destination: seller.id, source_transaction: await paidCharge(stripe) });
    const debited = await fetch(`${simulator.url}/__sim/accounts/${seller.id}/balance`, {
      method: 'POST', headers: { ...SIM_AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ debit: 1_500 }),
    });
    expect(debited.status).toBe(200);
    expect(((await debited.json()) as Stripe.Balance).available[0].amount).toBe(500);

    const error = await rejection(stripe.transfers.createReversal(transfer.id, {}, { idempotencyKey: 'payout-reversal-poor' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, rawType: 'invalid_request_error', code: 'balance_insufficient' });
    expect(await stripe.transfers.retrieve(transfer.id)).toMatchObject({ amount_reversed: 0, reversed: false });
    // The key keeps the answer, as Stripe keeps a request that executed.
    const again = await rejection(stripe.transfers.createReversal(transfer.id, {}, { idempotencyKey: 'payout-reversal-poor' }));
    expect(again.headers?.['idempotent-replayed']).toBe('true');

    expect(await stripe.transfers.createReversal(transfer.id, { amount: 500 })).toMatchObject({ amount: 500 });
    simulator.adjustAccountBalance(seller.id, { set: 1_500 });
    expect((await stripe.transfers.createReversal(transfer.id)).amount).toBe(1_500);
    expect(usd(await stripe.balance.retrieve({}, { stripeAccount: seller.id }))).toBe(0);
  });

  it('the balance control refuses nonsense', async () => {
    const seller = await onboardedAccount(simulator, stripe);
    const post = (body: unknown, account = seller.id) => fetch(`${simulator.url}/__sim/accounts/${account}/balance`, {
      method: 'POST', headers: { ...SIM_AUTH, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    expect((await post({})).status).toBe(400);
    expect((await post({ set: -1 })).status).toBe(400);
    expect((await post({ debit: 'lots' })).status).toBe(400);
    expect((await post({ set: 1 }, 'acct_0000000000000000')).status).toBe(400);
    expect((await fetch(`${simulator.url}/__sim/accounts/${seller.id}/balance`, { method: 'POST' })).status).toBe(401);
  });
});
