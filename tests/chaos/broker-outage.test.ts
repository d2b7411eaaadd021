// quality.md R1: RabbitMQ stops for ≥ 10 s in the middle of a purchase workload and comes back.
// Requests keep their contract (a 503 at worst); afterwards every event is delivered once and the
// replicas agree with their sources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfraStack, type InfraStack } from '../../bench/support/infra-stack';
import { startBroker, stopBroker } from './support/broker';
import { expectConverged, sleep, ticketPool, workloadAround } from './support/rounds';

const OUTAGE_MS = 12_000;

describe('R1 broker outage (infra mode, through the gateway)', () => {
  let stack: InfraStack;
  beforeAll(async () => {
    await startBroker(); // a previous run that died mid-outage must not leave it stopped
    stack = await startInfraStack();
  }, 120_000);
  afterAll(async () => {
    // Other suites need the broker whatever happened here.
    await startBroker();
    await stack?.stop();
  }, 120_000);

  it('delivers every event once and converges after RabbitMQ is stopped for 12 s mid-workload', async () => {
    const tickets = await ticketPool(stack, 60, 3);
    const outage = { from: 0, to: 0 };
    const report = await workloadAround(stack, tickets, async () => {
      await sleep(5_000);
      try {
        await stopBroker();
        outage.from = Date.now();
        await sleep(OUTAGE_MS);
        outage.to = Date.now();
      } finally {
        await startBroker();
      }
      await sleep(6_000);
    });
    expect(outage.to - outage.from).toBeGreaterThanOrEqual(10_000);
    // Buyers kept reserving while the broker was away: those events waited in the outbox.
    expect(report.count('POST /api/orders', 201, outage.from, outage.to), 'orders created during the outage').toBeGreaterThan(0);
    await expectConverged(stack, report, 'R1 broker outage');
  }, 180_000);
});
