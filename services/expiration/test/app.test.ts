// The expiration service end to end on a real RabbitMQ exchange: order:created in,
// expiration:complete out when the order's time is up — once, however often the order arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { sleep } from './support/fire-recorder';
import { orderCreatedData, startExpiration, type ExpirationHarness } from './support/expiration-harness';

describe.each(['bullmq', 'db'] as const)('expiration service with the %s scheduler', (schedulerKind) => {
  let harness: ExpirationHarness;
  beforeAll(async () => { harness = await startExpiration(schedulerKind); });
  afterAll(async () => { await harness?.close(); });

  const completionsOf = (orderId: string) => harness.completed.filter((entry) => entry.envelope.data.orderId === orderId);

  it('publishes expiration:complete for an order once its expiresAt has passed', async () => {
    const expiresAt = new Date(Date.now() + 1_000);
    const order = orderCreatedData(expiresAt);
    await harness.publishOrderCreated(order);

    const completion = await waitFor(() => completionsOf(order.id)[0], { timeoutMs: 10_000, intervalMs: 10 });
    expect(completion.envelope.data).toEqual({ orderId: order.id });
    expect(completion.at).toBeGreaterThanOrEqual(expiresAt.getTime());
    // The lateness histogram (alert: p99 > 5 s, infra/k8s/components/monitoring) counted the expiry.
    const metrics = await waitFor(async () => {
      const text = (await harness.service.http.inject({ method: 'GET', url: '/metrics' })).body;
      return /^expiration_lateness_seconds_count\S* [1-9]/m.test(text) ? text : undefined;
    }, { timeoutMs: 5_000 });
    expect(metrics).toMatch(/^expiration_lateness_seconds_bucket\{le="300"/m);
  });

  it('publishes one expiration:complete for an order that arrives several times', async () => {
    const expiresAt = new Date(Date.now() + 1_000);
    const order = orderCreatedData(expiresAt);
    const first = await harness.publishOrderCreated(order);
    await harness.republish(first); // the same event redelivered
    await harness.publishOrderCreated(order); // the same order in another event

    await waitFor(() => completionsOf(order.id).length > 0, { timeoutMs: 10_000 });
    await sleep(1_500);
    expect(completionsOf(order.id)).toHaveLength(1);
    expect(completionsOf(order.id)[0].at).toBeGreaterThanOrEqual(expiresAt.getTime());
  });

  it('answers /healthz and /readyz and serves no public routes', async () => {
    expect((await harness.service.http.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await harness.service.http.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await harness.service.http.inject({ method: 'GET', url: '/api/expiration' })).statusCode).toBe(404);
  });
});
