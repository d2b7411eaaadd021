import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { payment, rejection, startSimulator, stripeFor } from './support/harness';

// Lists and search through the real SDK, auto-pagination included (issue 11: payments finds a
// PaymentIntent by its attempt's metadata; the money audit reads every object).
describe('list and search', () => {
  let simulator: StripeSimulator;
  let stripe: Stripe;
  const intents: Stripe.PaymentIntent[] = [];

  beforeAll(async () => {
    simulator = await startSimulator();
    stripe = stripeFor(simulator);
    for (let n = 0; n < 25; n++) {
      const card = n % 5 === 4 ? 'pm_card_chargeDeclined' : 'pm_card_visa';
      const created = await stripe.paymentIntents.create(payment({ amount: 1000 + n, payment_method: card, metadata: { orderId: `order-${n}`, attempt: String(n % 3) } }))
        .catch((error: Stripe.errors.StripeCardError) => error.payment_intent as Stripe.PaymentIntent);
      intents.push(created);
    }
    await stripe.refunds.create({ payment_intent: intents[0].id });
    await stripe.refunds.create({ payment_intent: intents[1].id, amount: 100 });
  });
  afterAll(() => simulator.stop());

  it('lists every PaymentIntent newest first, page by page (limit, starting_after, has_more)', async () => {
    const first = await stripe.paymentIntents.list({ limit: 10 });
    expect(first).toMatchObject({ object: 'list', url: '/v1/payment_intents', has_more: true });
    expect(first.data.map((intent) => intent.id)).toEqual(intents.slice(-10).reverse().map((intent) => intent.id));
    const all = await stripe.paymentIntents.list({ limit: 7 }).autoPagingToArray({ limit: 1000 });
    expect(all.map((intent) => intent.id)).toEqual([...intents].reverse().map((intent) => intent.id));
    const before = await stripe.paymentIntents.list({ ending_before: intents[10].id, limit: 3 });
    expect(before.data.map((intent) => intent.id)).toEqual([intents[13], intents[12], intents[11]].map((intent) => intent.id));
  });

  it('lists charges (all of them, failed included) and refunds, filtered by payment_intent', async () => {
    const charges = await stripe.charges.list({ limit: 100 }).autoPagingToArray({ limit: 1000 });
    expect(charges).toHaveLength(25);
    expect(charges.filter((charge) => charge.status === 'failed')).toHaveLength(5);
    const ofFirst = await stripe.charges.list({ payment_intent: intents[0].id });
    expect(ofFirst.data).toHaveLength(1);
    expect(ofFirst.data[0]).toMatchObject({ refunded: true, amount_refunded: 1000 });
    const refunds = await stripe.refunds.list().autoPagingToArray({ limit: 100 });
    expect(refunds.map((refund) => refund.payment_intent)).toEqual([intents[1].id, intents[0].id]);
    expect((await stripe.refunds.list({ payment_intent: intents[1].id })).data[0].amount).toBe(100);
  });

  it('filters by created range', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await stripe.paymentIntents.list({ created: { gte: now - 3600 }, limit: 100 })).data).toHaveLength(25);
    expect((await stripe.paymentIntents.list({ created: { lt: now - 3600 } })).data).toHaveLength(0);
  });

  it('searches PaymentIntents by metadata and status (AND), OR, negation, numbers', async () => {
    const byOrder = await stripe.paymentIntents.search({ query: "metadata['orderId']:'order-7'" });
    expect(byOrder).toMatchObject({ object: 'search_result', url: '/v1/payment_intents/search', has_more: false, next_page: null });
    expect(byOrder.data.map((intent) => intent.id)).toEqual([intents[7].id]);
    const succeeded = await stripe.paymentIntents.search({ query: 'metadata["attempt"]:"1" AND status:\'succeeded\'', limit: 100 });
    const expected = intents.filter((intent, n) => n % 3 === 1 && n % 5 !== 4);
    expect(succeeded.data.map((intent) => intent.id).sort()).toEqual(expected.map((intent) => intent.id).sort());
    const either = await stripe.paymentIntents.search({ query: "metadata['orderId']:'order-1' OR metadata['orderId']:'order-2'" });
    expect(either.data).toHaveLength(2);
    const notSucceeded = await stripe.paymentIntents.search({ query: "-status:'succeeded'", limit: 100 });
    expect(notSucceeded.data).toHaveLength(5);
    expect((await stripe.paymentIntents.search({ query: 'amount>=1020', limit: 100 })).data).toHaveLength(5);
  });

  it('pages search results with next_page (auto-pagination)', async () => {
    const first = await stripe.paymentIntents.search({ query: "currency:'usd'", limit: 10 });
    expect(first.has_more).toBe(true);
    expect(first.next_page).toEqual(expect.any(String));
    const all = await stripe.paymentIntents.search({ query: "currency:'usd'", limit: 10 }).autoPagingToArray({ limit: 1000 });
    expect(new Set(all.map((intent) => intent.id)).size).toBe(25);
  });

  it('searches charges by metadata and refunded', async () => {
    const refunded = await stripe.charges.search({ query: "refunded:'true'" });
    expect(refunded.data.map((charge) => charge.payment_intent)).toEqual([intents[0].id]);
  });

  it('refuses a query it cannot parse, an unknown field, mixed AND/OR, and a bad limit (400)', async () => {
    for (const query of ["metadata['orderId']", "colour:'red'", "status:'succeeded' AND currency:'usd' OR amount:1", "status>'a'"]) {
      const error = await rejection(stripe.paymentIntents.search({ query }));
      expect(error, query).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 400, param: 'query' });
    }
    expect(await rejection(stripe.paymentIntents.list({ limit: 101 }))).toMatchObject({ statusCode: 400, param: 'limit' });
    expect(await rejection(stripe.paymentIntents.list({ starting_after: 'pi_unknown' }))).toMatchObject({ statusCode: 400, code: 'resource_missing' });
  });
});
