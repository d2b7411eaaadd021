import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StateFile } from '../src/persistence/state-file';
import { IdempotencyStore } from '../src/api/idempotency';
import { Store } from '../src/domain/store';
import { payment, startSimulator, stripeFor } from './support/harness';

// Issue 11 §5: with a state file the simulator keeps its objects and idempotency keys across a
// restart (before: a charge made before a restart could not be refunded after it).
describe('state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stripe-sim-state-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a charge made before a restart is found, listed and refunded after it; its idempotency key still replays', async () => {
    const stateFile = join(dir, 'restart.jsonl');
    const first = await startSimulator({ stateFile });
    const intent = await stripeFor(first).paymentIntents.create(payment({ amount: 4200, metadata: { orderId: 'kept' } }), { idempotencyKey: 'kept-key' });
    await first.stop();

    const second = await startSimulator({ stateFile });
    try {
      const stripe = stripeFor(second);
      expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'succeeded', amount: 4200 });
      const replay = await stripe.paymentIntents.create(payment({ amount: 4200, metadata: { orderId: 'kept' } }), { idempotencyKey: 'kept-key' });
      expect(replay.id).toBe(intent.id);
      expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
      const refund = await stripe.refunds.create({ payment_intent: intent.id });
      expect(refund).toMatchObject({ status: 'succeeded', amount: 4200 });
      expect((await stripe.paymentIntents.search({ query: "metadata['orderId']:'kept'" })).data).toHaveLength(1);
    } finally {
      await second.stop();
    }
    const third = await startSimulator({ stateFile });
    try {
      expect(third.charges({ metadata: { orderId: 'kept' } })[0]).toMatchObject({ refunded: true, amount_refunded: 4200 });
      expect(third.refunds({ payment_intent: intent.id })).toHaveLength(1);
    } finally {
      await third.stop();
    }
  });

  it('reset empties the file; a torn last line (a crash mid-append) is ignored', async () => {
    const stateFile = join(dir, 'reset.jsonl');
    const simulator = await startSimulator({ stateFile });
    await stripeFor(simulator).paymentIntents.create(payment());
    simulator.reset();
    expect(readFileSync(stateFile, 'utf8')).toBe('');
    await stripeFor(simulator).paymentIntents.create(payment({ metadata: { orderId: 'after-reset' } }));
    await simulator.stop();
    const { appendFileSync } = await import('node:fs');
    appendFileSync(stateFile, '{"kind":"charges","id":"ch_torn","va');
    const again = await startSimulator({ stateFile });
    expect(again.paymentIntents()).toHaveLength(1);
    await again.stop();
  });

  it('compaction keeps one record per live object and the kept idempotency keys', () => {
    const path = join(dir, 'compact.jsonl');
    let state = new StateFile(path);
    const store = new Store((kind, id) => state.touched(kind, id));
    const keys = new IdempotencyStore(Date.now, (id, entry) => state.keyKept(id, entry));
    state.load(store, keys);
    for (let n = 0; n < 5; n++) {
      store.refunds.set('re_1', { id: 're_1', amount: n } as never);
      state.flush(true);
    }
    const reservation = keys.reserve({ apiKey: 'sk', key: 'k1', endpoint: '/v1/refunds', fingerprint: 'f' });
    if (reservation.kind === 'fresh') reservation.complete({ status: 200, body: { id: 're_1' }, requestId: 'req_1' });
    state.flush(true);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(6);
    state.compact();
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);

    state = new StateFile(path);
    const reloaded = new Store();
    const reloadedKeys = new IdempotencyStore(Date.now);
    state.load(reloaded, reloadedKeys);
    expect(reloaded.refunds.get('re_1')).toEqual({ id: 're_1', amount: 4 });
    expect(reloadedKeys.reserve({ apiKey: 'sk', key: 'k1', endpoint: '/v1/refunds', fingerprint: 'f' }).kind).toBe('replay');
  });

  it('memory is bounded: events beyond the cap are dropped oldest first', async () => {
    const { MAX_EVENTS } = await import('../src/domain/store');
    const store = new Store();
    for (let n = 0; n < MAX_EVENTS + 5; n++) store.events.set(`evt_${n}`, { id: `evt_${n}` } as never);
    expect(store.events.size).toBe(MAX_EVENTS);
    expect(store.events.has('evt_0')).toBe(false);
    expect(store.events.has(`evt_${MAX_EVENTS + 4}`)).toBe(true);
  });
});
