// quality.md R2: a service process is SIGKILLed mid-workload (orders, then tickets) and started
// again. Requests keep their contract (503 while it is down); afterwards every event is delivered
// once and the replicas agree with their sources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfraStack, type InfraStack, type ServiceName } from '../../bench/support/infra-stack';
import { expectConverged, sleep, ticketPool, workloadAround } from './support/rounds';

describe('R2 crash (infra mode, through the gateway)', () => {
  let stack: InfraStack;
  beforeAll(async () => { stack = await startInfraStack(); }, 120_000);
  afterAll(async () => { await stack?.stop(); }, 120_000);

  /** A route of each service through the gateway: 503 while the service is down. */
  const probePath: Partial<Record<ServiceName, string>> = { orders: '/api/orders', tickets: '/api/tickets' };

  const crashRound = (service: ServiceName) => async () => {
    const tickets = await ticketPool(stack, 40, 3);
    const viewer = await stack.newUser();
    let whileDown = 0;
    const report = await workloadAround(stack, tickets, async () => {
      await sleep(5_000);
      await stack.killService(service, 'SIGKILL');
      whileDown = (await fetch(`${stack.gatewayUrl}${probePath[service]}`, { headers: { cookie: viewer.cookie } })).status;
      await sleep(2_000);
      await stack.restartService(service);
      await sleep(5_000);
    });
    expect(whileDown, `the gateway's answer while ${service} was down`).toBe(503);
    await expectConverged(stack, report, `R2 crash of ${service}`);
  };

  it('converges after the orders process is killed mid-workload and restarted', crashRound('orders'), 150_000);
  it('converges after the tickets process is killed mid-workload and restarted', crashRound('tickets'), 150_000);
});
