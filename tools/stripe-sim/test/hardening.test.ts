// What someone who can reach the simulator (or a web page the developer visits) must not do to
// it: pollute the prototypes of the process it runs in, drive its control endpoints without a key,
// or queue unbounded work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { parseForm } from '../src/server/form-params';
import { SIM_AUTH, startSimulator } from './support/harness';

describe('stripe simulator hardening', () => {
  let simulator: StripeSimulator;
  beforeAll(async () => { simulator = await startSimulator(); });
  afterAll(() => simulator.stop());

  it('__proto__ and constructor keys in a form body do not reach Object.prototype', async () => {
    for (const body of ['__proto__[polluted]=yes', 'constructor[prototype][polluted]=yes', 'metadata[__proto__][polluted]=yes', '__proto__[0]=x']) {
      const response = await fetch(`${simulator.url}/v1/payment_intents`, {
        method: 'POST', headers: { ...SIM_AUTH, 'content-type': 'application/x-www-form-urlencoded' },
        body: `amount=100&currency=usd&${body}`,
      });
      expect(response.status, body).toBeLessThan(500);
      await fetch(`${simulator.url}/__sim/charges?${body}`, { headers: SIM_AUTH });
      expect(({} as Record<string, unknown>).polluted, body).toBeUndefined();
    }
    expect(Object.keys(Object.prototype)).toEqual([]);
    const parsed = parseForm('__proto__[a]=1');
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
  });

  it('control and inspection endpoints need a test secret key', async () => {
    const reads = ['charges', 'refunds', 'payment_intents', 'events', 'webhook_deliveries', 'clock'];
    for (const name of reads) {
      expect((await fetch(`${simulator.url}/__sim/${name}`)).status, name).toBe(401);
      expect((await fetch(`${simulator.url}/__sim/${name}`, { headers: { authorization: 'Bearer sk_live_nope' } })).status, name).toBe(401);
    }
    for (const name of ['fail_next', 'delay_next', 'clock', 'reset']) {
      // What a cross-site HTML form could send: no Authorization header.
      const response = await fetch(`${simulator.url}/__sim/${name}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'count=1&advance_ms=1000',
      });
      expect(response.status, name).toBe(401);
      expect((await response.json()).error.type).toBe('invalid_request_error');
    }
    expect(simulator.clock().offsetMs).toBe(0);
    expect((await fetch(`${simulator.url}/__sim/charges`, { headers: SIM_AUTH })).status).toBe(200);
    expect((await fetch(`${simulator.url}/healthz`)).status).toBe(200);
  });

  it('fail_next and delay_next counts are capped', async () => {
    const post = (name: string, body: object) => fetch(`${simulator.url}/__sim/${name}`, {
      method: 'POST', headers: { ...SIM_AUTH, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const started = Date.now();
    expect((await post('fail_next', { count: 100_000_000 })).status).toBe(400);
    expect((await post('delay_next', { count: 100_000_000, ms: 1 })).status).toBe(400);
    expect((await post('delay_next', { count: 1, ms: 1e12 })).status).toBe(400);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await post('fail_next', { count: 1000 })).status).toBe(200);
    expect((await post('fail_next', { count: 1 })).status).toBe(400);
    expect(() => simulator.failNext(1)).toThrow(RangeError);
    expect((await post('reset', {})).status).toBe(200);
  });
});
