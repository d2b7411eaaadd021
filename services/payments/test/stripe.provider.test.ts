// R8: the Stripe adapter through the real SDK against the simulator.
import { createStripeSimulator, type StripeSimulator } from '@ticketing/stripe-sim';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WaitingError } from '@ticketing/common';
import { createServer } from 'node:net';
import {
  CardDeclined, InvalidPaymentMethod, ProviderRejected, ProviderUnavailable, type PaymentProvider,
} from '../src/provider/payment-provider.port';
import { createStripeClient } from '@ticketing/common/stripe/stripe-client';
import { createStripeProvider } from '../src/provider/stripe.provider';

describe('Stripe provider', () => {
  let sim: StripeSimulator;
  let stripe: PaymentProvider;
  beforeAll(async () => {
    sim = await createStripeSimulator().start();
    stripe = createStripeProvider({ secretKey: 'sk_test_simulator', apiBase: sim.url, maxNetworkRetries: 2, timeoutMs: 2_000 });
  });
  afterEach(() => sim.reset());
  afterAll(() => sim.stop());

  const key = () => `test-${crypto.randomUUID()}`;

  it('charges a PaymentMethod id and a token, with the amount, currency and metadata', async () => {
    const byMethod = await stripe.charge(2500, 'usd', 'pm_card_visa', key(), { orderId: 'o-1' });
    const byToken = await stripe.charge(700, 'usd', 'tok_mastercard', key(), { orderId: 'o-2' });
    expect(byMethod).toEqual({ status: 'succeeded', id: expect.stringMatching(/^pi_/), chargeId: expect.stringMatching(/^ch_/) });
    expect(sim.paymentIntents({ metadata: { orderId: 'o-1' } })[0]).toMatchObject({ latest_charge: byMethod.chargeId, transfer_group: null });
    expect(byToken.status).toBe('succeeded');
    expect(sim.charges({ metadata: { orderId: 'o-1' } })).toEqual([expect.objectContaining({ amount: 2500, currency: 'usd' })]);
    expect(sim.charges({ metadata: { orderId: 'o-2' } })).toEqual([expect.objectContaining({ amount: 700 })]);
  });

  it('puts the charge in the transfer group it is given (Connect: the seller\'s transfer names it too)', async () => {
    const result = await stripe.charge(1200, 'usd', 'pm_card_visa', key(), { orderId: 'o-tg' }, 'order-group-1');
    const [intent] = sim.paymentIntents({ metadata: { orderId: 'o-tg' } });
    expect(intent).toMatchObject({ id: result.id, transfer_group: 'order-group-1', latest_charge: result.chargeId });
    expect(sim.charges({ metadata: { orderId: 'o-tg' } })).toEqual([expect.objectContaining({ id: result.chargeId, transfer_group: 'order-group-1' })]);
  });

  it('a decline is CardDeclined with Stripe\'s message', async () => {
    const error = await stripe.charge(1000, 'usd', 'tok_chargeDeclinedInsufficientFunds', key(), {}).catch((caught) => caught);
    expect(error).toBeInstanceOf(CardDeclined);
    expect(error.message).toMatch(/insufficient funds/i);
  });

  it('an unknown token is InvalidPaymentMethod', async () => {
    await expect(stripe.charge(1000, 'usd', 'tok_nope', key(), {})).rejects.toBeInstanceOf(InvalidPaymentMethod);
  });

  it('failures beyond the retries are ProviderUnavailable; the same key later charges once', async () => {
    const idempotencyKey = key();
    sim.failNext(3, 'network', { stage: 'after' });
    await expect(stripe.charge(1000, 'usd', 'pm_card_visa', idempotencyKey, { orderId: 'o-3' })).rejects.toBeInstanceOf(ProviderUnavailable);
    const retried = await stripe.charge(1000, 'usd', 'pm_card_visa', idempotencyKey, { orderId: 'o-3' });
    expect(retried.status).toBe('succeeded');
    expect(sim.charges({ metadata: { orderId: 'o-3' } })).toHaveLength(1);
  });

  it('one failure is absorbed by the SDK\'s retry', async () => {
    sim.failNext(1, 500);
    expect((await stripe.charge(1000, 'usd', 'pm_card_visa', key(), {})).status).toBe('succeeded');
  });

  it('a refund with the same key twice refunds once', async () => {
    const { id } = await stripe.charge(1500, 'usd', 'pm_card_visa', key(), {});
    const refundKey = key();
    const first = await stripe.refund(id, refundKey);
    const second = await stripe.refund(id, refundKey);
    expect(second).toEqual(first);
    expect(first).toEqual({ id: expect.stringMatching(/^re_/), amount: 1500, currency: 'usd' });
    expect(sim.refunds({ payment_intent: id })).toEqual([expect.objectContaining({ id: first.id, amount: 1500 })]);
  });

  // Waiting is not failing (events.md): whoever handles these retries them for as long as it takes.
  it.each([
    ['5xx', 503], ['rate limit', 429], ['the same key still in flight', 409],
  ] as const)('a refund answered %s is ProviderUnavailable, a wait', async (_what, status) => {
    const { id } = await stripe.charge(1500, 'usd', 'pm_card_visa', key(), {});
    sim.failNext(3, status);
    const error = await stripe.refund(id, key()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderUnavailable);
    expect(error).toBeInstanceOf(WaitingError);
  });

  it('a provider that cannot be reached is ProviderUnavailable, a wait', async () => {
    const closed = createStripeProvider({ secretKey: 'sk_test_simulator', apiBase: `http://127.0.0.1:${await closedPort()}`, maxNetworkRetries: 0, timeoutMs: 1_000 });
    const error = await closed.refund('pi_any', key()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderUnavailable);
    expect(error).toBeInstanceOf(WaitingError);
  });

  it('a refund the provider refuses for good is ProviderRejected, not a wait', async () => {
    const error = await stripe.refund('pi_unknown', key()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderRejected);
    expect(error).not.toBeInstanceOf(WaitingError);
  });

  it('STRIPE_API_BASE becomes the SDK\'s host, port and protocol: a plain-HTTP base reaches the simulator', async () => {
    const client = createStripeClient({ secretKey: 'sk_test_simulator', apiBase: `${sim.url}/` });
    expect(await client.balance.retrieve()).toMatchObject({ object: 'balance', livemode: false });
  });
});

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
