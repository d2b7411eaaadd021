import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { SIM_AUTH, payment, startSimulator, stripeFor } from './support/harness';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('the simulator clock', () => {
  let simulator: StripeSimulator;
  let stripe: Stripe;

  beforeAll(async () => {
    simulator = await startSimulator();
    stripe = stripeFor(simulator);
  });
  afterEach(() => simulator.reset());
  afterAll(() => simulator.stop());

  it('an idempotency key replays within 24 h and is forgotten once the clock has moved past them', async () => {
    const first = await stripe.paymentIntents.create(payment(), { idempotencyKey: 'clock-key' });
    simulator.advanceClock(DAY_MS - 60_000);
    expect((await stripe.paymentIntents.create(payment(), { idempotencyKey: 'clock-key' })).id).toBe(first.id);

    simulator.advanceClock(120_000);
    const later = await stripe.paymentIntents.create(payment(), { idempotencyKey: 'clock-key' });

    expect(later.id).not.toBe(first.id);
    expect(simulator.paymentIntents()).toHaveLength(2);
    expect(later.created - first.created).toBeGreaterThanOrEqual(DAY_MS / 1000);
  });

  it('POST /__sim/clock moves it forward over HTTP; GET tells the offset; reset puts it back', async () => {
    const moved = await fetch(`${simulator.url}/__sim/clock`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...SIM_AUTH }, body: JSON.stringify({ advance_ms: DAY_MS }),
    });
    expect(moved.status).toBe(200);
    const body = await moved.json() as { now: number; offset_ms: number };
    expect(body.offset_ms).toBe(DAY_MS);
    expect(body.now).toBeGreaterThanOrEqual(Date.now() + DAY_MS - 1_000);
    const intent = await stripe.paymentIntents.create(payment());
    expect(intent.created).toBeGreaterThanOrEqual(Math.floor((Date.now() + DAY_MS) / 1000) - 1);

    expect(await (await fetch(`${simulator.url}/__sim/clock`, { headers: SIM_AUTH })).json()).toMatchObject({ offset_ms: DAY_MS });
    simulator.reset();
    expect(simulator.clock().offsetMs).toBe(0);
  });

  it('refuses to move backwards or without an amount', async () => {
    expect(() => simulator.advanceClock(-1)).toThrow(RangeError);
    const response = await fetch(`${simulator.url}/__sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json', ...SIM_AUTH }, body: '{}' });
    expect(response.status).toBe(400);
    expect(simulator.clock().offsetMs).toBe(0);
  });
});
