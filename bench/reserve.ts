// P2 reserve (quality.md): POST /api/orders through the gateway, each request for a ticket no one
// holds yet, 50 connections; the baseline is a bare Fastify process doing one order INSERT + one
// outbox INSERT in a transaction on the same PostgreSQL. Target: ≥ 0.4 × baseline, p99 ≤ 50 ms.
// The workload (reserveAll, RESERVE_WORKLOAD) is P7's too (bench/scale.ts).
import { startBaseline } from './support/baseline';
import type { InfraStack } from './support/infra-stack';
import { runLoad, unexpected, type LoadResult } from './support/load';
import { round, type BenchResult } from './support/result';
import { seedTickets, waitForOrdersReplica } from './support/seed';
import { randomUUID } from 'node:crypto';

export const RESERVE_WORKLOAD = {
  connections: 50,
  seconds: 10,
  /** The run ends after `seconds` or when every seeded ticket has been ordered, whichever is first. */
  tickets: 3_000,
  /** Warm-up on the first tickets, measured on the rest. */
  warmUpTickets: 200,
  warmUpSeconds: 5,
} as const;
const { connections: CONNECTIONS, seconds: SECONDS, tickets: TICKETS, warmUpTickets: WARM_UP, warmUpSeconds: WARM_UP_SECONDS } = RESERVE_WORKLOAD;

export interface Reservation { orderId: string; ticketId: string }
export interface ReserveOptions {
  connections?: number;
  /** Called with each 201's order (read from the answer's body). */
  onCreated?: (reservation: Reservation) => void;
}

/**
 * Orders per buyer stay well under orders' MAX_ACTIVE_ORDERS_PER_USER (10 unpaid orders per user):
 * the load is spread over this many buyers, each request as the next one.
 */
export const BUYERS = 1_000;

/** POSTs {ticketId} with the next id of the list on every request, as the next of `cookies` (round robin). */
export async function reserveAll(url: string, cookies: string | string[], ticketIds: string[], seconds: number, options: ReserveOptions = {}): Promise<LoadResult> {
  let next = 0;
  const sessions = [cookies].flat();
  const { onCreated } = options;
  return runLoad({
    url, connections: options.connections ?? CONNECTIONS, duration: seconds, maxOverallRequests: ticketIds.length,
    requests: [{
      method: 'POST', path: '/api/orders', headers: { 'content-type': 'application/json' },
      setupRequest: (request) => {
        const index = next++;
        return {
          ...request, headers: { ...request.headers, cookie: sessions[index % sessions.length] },
          body: JSON.stringify({ ticketId: ticketIds[index % ticketIds.length] }),
        };
      },
      ...(onCreated && {
        onResponse: (status: number, body: string) => {
          if (status !== 201) return;
          const order = JSON.parse(body) as { id: string; ticket: { id: string } };
          onCreated({ orderId: order.id, ticketId: order.ticket.id });
        },
      }),
    }],
  });
}

export async function reserve(stack: InfraStack): Promise<BenchResult> {
  const seller = await stack.newUser();
  const cookies = (await Promise.all(Array.from({ length: BUYERS }, () => stack.newUser()))).map((buyer) => buyer.cookie);
  const ids = await seedTickets(stack, seller, TICKETS);
  await waitForOrdersReplica(stack, ids);
  await reserveAll(stack.gatewayUrl, cookies, ids.slice(0, WARM_UP), WARM_UP_SECONDS);
  const gateway = await reserveAll(stack.gatewayUrl, cookies, ids.slice(WARM_UP), SECONDS);
  const failed = unexpected(gateway, 201);
  if (failed) throw new Error(`POST /api/orders through the gateway: ${failed}`);

  const bare = await startBaseline('reserve', stack.databaseUrls.orders);
  let baseline: LoadResult;
  try {
    const fresh = Array.from({ length: TICKETS }, () => randomUUID());
    await reserveAll(bare.url, '', fresh.slice(0, WARM_UP), WARM_UP_SECONDS);
    baseline = await reserveAll(bare.url, '', fresh.slice(WARM_UP), SECONDS);
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
