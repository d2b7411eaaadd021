import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { SIM_AUTH, payment, startSimulator, stripeFor } from './support/harness';

async function getList<T>(url: string): Promise<T[]> {
  const response = await fetch(url, { headers: SIM_AUTH });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { object: string; data: T[] };
  expect(body.object).toBe('list');
  return body.data;
}

describe('/__sim inspection over HTTP', () => {
  let simulator: StripeSimulator;
  let stripe: Stripe;

  beforeAll(async () => {
    simulator = await startSimulator();
    stripe = stripeFor(simulator);
  });
  afterAll(() => simulator.stop());

  it('lists successful charges, filtered by metadata', async () => {
    const mine = await stripe.paymentIntents.create(payment({ amount: 5100, metadata: { orderId: 'inspect-1' } }));
    await stripe.paymentIntents.create(payment({ metadata: { orderId: 'inspect-2' } }));
    await stripe.paymentIntents.create(payment({ payment_method: 'pm_card_chargeDeclined', metadata: { orderId: 'inspect-1' } })).catch(() => undefined);

    const charges = await getList<Stripe.Charge>(`${simulator.url}/__sim/charges?metadata[orderId]=inspect-1`);

    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ amount: 5100, currency: 'usd', payment_intent: mine.id, metadata: { orderId: 'inspect-1' }, amount_refunded: 0 });
  });

  it('lists refunds and shows the refunded amount on the charge', async () => {
    const intent = await stripe.paymentIntents.create(payment({ amount: 800, metadata: { orderId: 'inspect-refund' } }));
    await stripe.refunds.create({ payment_intent: intent.id, amount: 300 });

    const refunds = await getList<Stripe.Refund>(`${simulator.url}/__sim/refunds?payment_intent=${intent.id}`);
    const charges = await getList<Stripe.Charge>(`${simulator.url}/__sim/charges?payment_intent=${intent.id}`);

    expect(refunds).toEqual([expect.objectContaining({ amount: 300, payment_intent: intent.id, status: 'succeeded' })]);
    expect(charges[0]).toMatchObject({ amount_refunded: 300, refunded: false });
  });

  it('lists payment intents and events', async () => {
    const intent = await stripe.paymentIntents.create(payment({ metadata: { orderId: 'inspect-pi' } }));

    const intents = await getList<Stripe.PaymentIntent>(`${simulator.url}/__sim/payment_intents?metadata[orderId]=inspect-pi`);
    const events = await getList<Stripe.Event>(`${simulator.url}/__sim/events?type=payment_intent.succeeded`);

    expect(intents.map((item) => item.id)).toEqual([intent.id]);
    expect(events.some((event) => (event.data.object as Stripe.PaymentIntent).id === intent.id)).toBe(true);
  });

  it('answers 404 for an unknown simulator endpoint', async () => {
    const response = await fetch(`${simulator.url}/__sim/nothing`, { headers: SIM_AUTH });
    expect(response.status).toBe(404);
  });
});
