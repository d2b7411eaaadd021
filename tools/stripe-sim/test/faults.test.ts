import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { SIM_AUTH, payment, rejection, startSimulator, stripeFor } from './support/harness';

describe('fault injection and the SDK\'s retries', () => {
  let simulator: StripeSimulator;
  let stripe: Stripe;
  // The SDK emits `request` for every attempt, its retries included.
  let attempts = 0;

  beforeAll(async () => {
    simulator = await startSimulator();
    stripe = stripeFor(simulator);
    stripe.on('request', () => attempts++);
  });
  afterEach(() => simulator.reset());
  afterAll(() => simulator.stop());

  const countAttempts = () => (attempts = 0);

  it('failNext(1, 500): the SDK retries with its automatic key and exactly one charge is made', async () => {
    countAttempts();
    simulator.failNext(1, 500);

    const intent = await stripe.paymentIntents.create(payment());

    expect(intent.status).toBe('succeeded');
    expect(attempts).toBe(2);
    expect(simulator.charges()).toHaveLength(1);
  });

  it('more failures than retries: StripeAPIError and no charge', async () => {
    countAttempts();
    simulator.failNext(3, 500);

    const error = await rejection(stripe.paymentIntents.create(payment()));

    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).toMatchObject({ statusCode: 500, rawType: 'api_error' });
    expect(attempts).toBe(3);
    expect(simulator.charges()).toEqual([]);
    expect(simulator.paymentIntents()).toEqual([]);
  });

  it('a failure after the charge (unknown outcome): the retry replays it, still one charge', async () => {
    countAttempts();
    simulator.failNext(1, 503, { stage: 'after' });

    const intent = await stripe.paymentIntents.create(payment());

    expect(attempts).toBe(2);
    expect(intent.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(simulator.paymentIntents().map((stored) => stored.id)).toEqual([intent.id]);
    expect(simulator.charges()).toHaveLength(1);
  });

  it('a dropped connection after the charge is retried safely', async () => {
    simulator.failNext(1, 'network', { stage: 'after' });

    const intent = await stripe.paymentIntents.create(payment());

    expect(intent.status).toBe('succeeded');
    expect(simulator.charges()).toHaveLength(1);
  });

  it('a response slower than the client timeout: the retry gets the first result', async () => {
    simulator.delayNext(1, 800);
    const impatient = stripeFor(simulator, { timeout: 300 });

    const intent = await impatient.paymentIntents.create(payment());

    expect(intent.status).toBe('succeeded');
    expect(simulator.charges()).toHaveLength(1);
  });

  it('without retries a dropped connection surfaces as StripeConnectionError', async () => {
    simulator.failNext(2, 'network');
    const noRetries = stripeFor(simulator, { maxNetworkRetries: 0 });

    const error = await rejection(noRetries.paymentIntents.create(payment()));

    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(simulator.charges()).toEqual([]);
  });

  it('faults can be queued over HTTP by another process', async () => {
    countAttempts();
    const queued = await fetch(`${simulator.url}/__sim/fail_next`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...SIM_AUTH },
      body: JSON.stringify({ count: 1, status: 502 }),
    });
    expect(queued.status).toBe(200);

    await stripe.paymentIntents.create(payment());

    expect(attempts).toBe(2);
  });

  it('rejects a status that is not an error', () => {
    expect(() => simulator.failNext(1, 200)).toThrow(RangeError);
  });
});
