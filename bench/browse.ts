// P1 browse (quality.md): GET /api/tickets through the gateway with 1,000 tickets in the tickets
// database, 50 connections, against a bare Fastify process running the same list query on the same
// database. Target: throughput ≥ 0.5 × baseline, p99 ≤ 25 ms.
import { startBaseline } from './support/baseline';
import type { InfraStack } from './support/infra-stack';
import { runLoad, unexpected, type LoadResult } from './support/load';
import type { BenchResult } from './support/result';
import { round } from './support/result';
import { seedTickets, waitForOrdersReplica } from './support/seed';

const TICKETS = 1_000;
const CONNECTIONS = 50;
const SECONDS = 10;
const WARMUP_SECONDS = 2;

/** A short warm-up (JIT, pools, caches), then the measured run. */
async function measure(url: string): Promise<LoadResult> {
  await runLoad({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS });
  const load = await runLoad({ url, connections: CONNECTIONS, duration: SECONDS });
  const failed = unexpected(load, 200);
  if (failed) throw new Error(`GET ${url}: ${failed}`);
  return load;
}

export async function browse(stack: InfraStack): Promise<BenchResult> {
  const ids = await seedTickets(stack, await stack.newUser(), TICKETS);
  // Let the events of the seeding settle so the measurement sees only browsing.
  await waitForOrdersReplica(stack, ids);
  const gateway = await measure(`${stack.gatewayUrl}/api/tickets`);
  const bare = await startBaseline('browse', stack.databaseUrls.tickets);
  let baseline: LoadResult;
  try {
    baseline = await measure(`${bare.url}/api/tickets`);
  } finally {
    await bare.stop();
  }
  const ratio = round(gateway.perSecond / baseline.perSecond);
  return {
    name: 'browse',
    checks: [
      { id: 'P1', what: 'browse throughput vs bare Fastify', target: '≥ 0.5 ×', measured: `${ratio} × (${gateway.perSecond} vs ${baseline.perSecond} req/s)`, pass: ratio >= 0.5 },
      { id: 'P1', what: 'browse p99 through the gateway', target: '≤ 25 ms', measured: `${gateway.latencyMs.p99} ms (baseline ${baseline.latencyMs.p99} ms)`, pass: gateway.latencyMs.p99 <= 25 },
    ],
    details: { tickets: TICKETS, connections: CONNECTIONS, seconds: SECONDS, gateway, baseline, ratio },
  };
}
