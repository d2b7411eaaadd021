import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { payment, rejection, startSimulator, stripeFor } from './support/harness';
import { connectedAccount, onboardedAccount, paidCharge } from './support/connect';

// Issue 16: separate charges and transfers — the platform charges the buyer, then transfers the
// seller's net from that charge (source_transaction) to the seller's connected account.
describe('Connect transfers', () => {
  let simulator: StripeSimulator;
  let stripe: Stripe;
  let seller: Stripe.Account;

  beforeAll(async () => {
    simulator = await startSimulator();
    stripe = stripeFor(simulator);
    seller = await onboardedAccount(simulator, stripe);
  });
  afterAll(() => simulator.stop());

  it('a PaymentIntent keeps transfer_group and its charge carries it', async () => {
    const intent = await stripe.paymentIntents.create(payment({ transfer_group: 'order-tg' }));
    expect(intent.transfer_group).toBe('order-tg');
    const charge = await stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge.transfer_group).toBe('order-tg');
    expect((await stripe.charges.list({ transfer_group: 'order-tg' })).data.map((found) => found.id)).toEqual([charge.id]);
  });

  it('transfers from a charge to an onboarded account; the object is Stripe-shaped', async () => {
    const charge = await paidCharge(stripe, { amount: 5000, transfer_group: 'order-1' });
    const transfer = await stripe.transfers.create({
      amount: 4750, currency: 'usd', destination: seller.id, transfer_group: 'order-1', source_transaction: charge,
      description: 'sale order-1', metadata: { saleId: 'order-1' },
    });
    expect(transfer.id).toMatch(/^tr_/);
    expect(transfer).toMatchObject({
      object: 'transfer', amount: 4750, amount_reversed: 0, reversed: false, currency: 'usd', destination: seller.id,
      source_transaction: charge, transfer_group: 'order-1', description: 'sale order-1', metadata: { saleId: 'order-1' },
      livemode: false, reversals: { object: 'list', data: [], has_more: false, url: `/v1/transfers/${transfer.id}/reversals` },
    });
    expect(transfer.balance_transaction).toMatch(/^txn_/);
    expect(transfer.created).toBeGreaterThan(0);
    expect(await stripe.transfers.retrieve(transfer.id)).toEqual(transfer);
    const expanded = await stripe.transfers.retrieve(transfer.id, { expand: ['destination', 'source_transaction'] });
    expect(expanded.destination).toMatchObject({ object: 'account', id: seller.id });
    expect(expanded.source_transaction).toMatchObject({ object: 'charge', id: charge });
  });

  it('the same idempotency key twice is one transfer; with another body it is Stripe idempotency error', async () => {
    const charge = await paidCharge(stripe, { amount: 3000 });
    const params = { amount: 2850, currency: 'usd', destination: seller.id, source_transaction: charge, metadata: { saleId: 'idem' } };
    const first = await stripe.transfers.create(params, { idempotencyKey: 'payout-transfer-idem' });
    const second = await stripe.transfers.create(params, { idempotencyKey: 'payout-transfer-idem' });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(simulator.transfers({ destination: seller.id }).filter((transfer) => transfer.source_transaction === charge)).toHaveLength(1);

    const other = await rejection(stripe.transfers.create({ ...params, amount: 100 }, { idempotencyKey: 'payout-transfer-idem' }));
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(other.message).toContain('can only be used with the same parameters');
  });

  it('an unknown destination is resource_missing', async () => {
    const charge = await paidCharge(stripe);
    const error = await rejection(stripe.transfers.create({ amount: 100, currency: 'usd', destination: 'acct_0000000000000000', source_transaction: charge }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'destination', message: "No such destination: 'acct_0000000000000000'" });
  });

  it('a destination not onboarded has no active transfers capability: refused with Stripe message', async () => {
    const pending = await connectedAccount(stripe);
    const charge = await paidCharge(stripe);
    const error = await rejection(stripe.transfers.create({ amount: 100, currency: 'usd', destination: pending.id, source_transaction: charge }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'insufficient_capabilities_for_transfer', param: 'destination' });
    expect(error.message).toBe('Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments');
  });

  it('without source_transaction the platform available balance must cover it (balance_insufficient)', async () => {
    const platform = await stripe.balance.retrieve();
    const available = platform.available.find((entry) => entry.currency === 'usd')!.amount;
    const error = await rejection(stripe.transfers.create({ amount: available + 1, currency: 'usd', destination: seller.id }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', code: 'balance_insufficient' });
    const transfer = await stripe.transfers.create({ amount: 100, currency: 'usd', destination: seller.id });
    expect(transfer.source_transaction).toBeNull();
  });

  it('a source_transaction that is not a succeeded charge is refused; unknown is resource_missing', async () => {
    const declined = await rejection(stripe.paymentIntents.create(payment({ payment_method: 'pm_card_chargeDeclined' })));
    const failed = await rejection(stripe.transfers.create({ amount: 100, currency: 'usd', destination: seller.id, source_transaction: declined.charge! }));
    expect(failed).toMatchObject({ statusCode: 400, rawType: 'invalid_request_error', param: 'source_transaction' });
    const unknown = await rejection(stripe.transfers.create({ amount: 100, currency: 'usd', destination: seller.id, source_transaction: 'ch_unknown' }));
    expect(unknown).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'source_transaction' });
    const charge = await paidCharge(stripe);
    const currency = await rejection(stripe.transfers.create({ amount: 100, currency: 'eur', destination: seller.id, source_transaction: charge }));
    expect(currency).toMatchObject({ statusCode: 400, param: 'currency' });
  });

  it('never more than what remains of the source charge: not refunded, not transferred already', async () => {
    const intent = await stripe.paymentIntents.create(payment({ amount: 2000 }));
    const charge = intent.latest_charge as string;
    const over = await rejection(stripe.transfers.create({ amount: 2001, currency: 'usd', destination: seller.id, source_transaction: charge }));
    expect(over).toMatchObject({ statusCode: 400, rawType: 'invalid_request_error', param: 'amount' });
    await stripe.transfers.create({ amount: 1500, currency: 'usd', destination: seller.id, source_transaction: charge });
    await stripe.refunds.create({ payment_intent: intent.id, amount: 400 });
    const rest = await rejection(stripe.transfers.create({ amount: 101, currency: 'usd', destination: seller.id, source_transaction: charge }));
    expect(rest).toMatchObject({ statusCode: 400, param: 'amount' });
    expect((await stripe.transfers.create({ amount: 100, currency: 'usd', destination: seller.id, source_transaction: charge })).amount).toBe(100);
  });

  it('refuses bad parameters before doing anything', async () => {
    const base = { amount: 100, currency: 'usd', destination: seller.id };
    expect(await rejection(stripe.transfers.create({ ...base, amount: 0 }))).toMatchObject({ statusCode: 400, param: 'amount' });
    expect(await rejection(stripe.transfers.create({ ...base, currency: 'xyz' }))).toMatchObject({ statusCode: 400, param: 'currency' });
    expect(await rejection(stripe.transfers.create({ amount: 100, currency: 'usd' } as Stripe.TransferCreateParams))).toMatchObject({ code: 'parameter_missing', param: 'destination' });
    expect(await rejection(stripe.transfers.create({ ...base, colour: 'red' } as Stripe.TransferCreateParams))).toMatchObject({ code: 'parameter_unknown' });
    expect(await rejection(stripe.transfers.retrieve('tr_unknown'))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('lists transfers by destination and transfer_group; SDK auto-pagination walks every page', async () => {
    const other = await onboardedAccount(simulator, stripe);
    const made: string[] = [];
    for (let n = 0; n < 7; n++) {
      const charge = await paidCharge(stripe, { amount: 1000 });
      made.push((await stripe.transfers.create({ amount: 900, currency: 'usd', destination: other.id, source_transaction: charge, transfer_group: `group-${n % 2}` })).id);
    }
    const all = await stripe.transfers.list({ destination: other.id, limit: 3 }).autoPagingToArray({ limit: 100 });
    expect(all.map((transfer) => transfer.id)).toEqual([...made].reverse());
    const first = await stripe.transfers.list({ destination: other.id, limit: 3 });
    expect(first).toMatchObject({ object: 'list', url: '/v1/transfers', has_more: true });
    const group = await stripe.transfers.list({ transfer_group: 'group-1', destination: other.id });
    expect(group.data.map((transfer) => transfer.id)).toEqual([made[5], made[3], made[1]]);
  });

  it('updates a transfer metadata', async () => {
    const charge = await paidCharge(stripe);
    const transfer = await stripe.transfers.create({ amount: 100, currency: 'usd', destination: seller.id, source_transaction: charge, metadata: { a: '1' } });
    expect((await stripe.transfers.update(transfer.id, { metadata: { b: '2' } })).metadata).toEqual({ a: '1', b: '2' });
  });
});
