// P2 reserve (quality.md): POST /api/orders through the gateway, each request for a ticket no one
// holds yet, 50 connections; the baseline is a bare Fastify process doing one order INSERT + one
// outbox INSERT in a transaction on the same PostgreSQL. Target: ≥ 0.4 × baseline, p99 ≤ 50 ms.
import { startBaseline } from './support/baseline';
import type { InfraStack } from './support/infra-stack';
import { runLoad, unexpected, type LoadResult } from './support/load';
import { round, type BenchResult } from './support/result';
import { seedTickets, waitForOrdersReplica } from './support/seed';
import { randomUUID } from 'node:crypto';

const CONNECTIONS = 50;
const SECONDS = 10;
/** The run ends after SECONDS or when every seeded ticket has been ordered, whichever is first. */
const TICKETS = 3_000;

/** POSTs {ticketId} with the next id of the list on every request. */
async function reserveAll(url: string, cookie: string, ticketIds: string[], seconds: number): Promise<LoadResult> {
  let next = 0;
  return runLoad({
    url, connections: CONNECTIONS, duration: seconds, maxOverallRequests: ticketIds.length,
    requests: [{
      method: 'POST', path: '/api/orders', headers: { cookie, 'content-type': 'application/json' },
      setupRequest: (request) => ({ ...request, body: JSON.stringify({ ticketId: ticketIds[next++ % ticketIds.length] }) }),
    }],
  });
}

export async function reserve(stack: InfraStack): Promise<BenchResult> {
  const seller = await stack.newUser();
  const buyer = await stack.newUser();
  const ids = await seedTickets(stack, seller, TICKETS);
  await waitForOrdersReplica(stack, ids);
  // Warm-up on the first 200 tickets, measured on the rest.
  await reserveAll(stack.gatewayUrl, buyer.cookie, ids.slice(0, 200), 5);
  const gateway = await reserveAll(stack.gatewayUrl, buyer.cookie, ids.slice(200), SECONDS);
  const failed = unexpected(gateway, 201);
  if (failed) throw new Error(`POST /api/orders through the gateway: ${failed}`);

  const bare = await startBaseline('reserve', stack.databaseUrls.orders);
  let baseline: LoadResult;
  try {
    const fresh = Array.from({ length: TICKETS }, () => randomUUID());
    await reserveAll(bare.url, '', fresh.slice(0, 200), 5);
    baseline = await reserveAll(bare.url, '', fresh.slice(200), SECONDS);
  } finally {
    await bare.stop();
  }
  const ratio = round(gateway.perSecond / baseline.perSecond);
  return {
    name: 'reserve',
    checks: [
      { id: 'P2', what: 'reserve throughput vs bare INSERT+outbox', target: '≥ 0.4 ×', measured: `${ratio} × (${gateway.perSecond} vs ${baseline.perSecond} req/s)`, pass: ratio >= 0.4 },
      { id: 'P2', what: 'reserve p99 through the gateway', target: '≤ 50 ms', measured: `${gateway.latencyMs.p99} ms (baseline ${baseline.latencyMs.p99} ms)`, pass: gateway.latencyMs.p99 <= 50 },
    ],
    details: { connections: CONNECTIONS, seconds: SECONDS, tickets: TICKETS, gateway, baseline, ratio },
  };
}
