// P7 scale (quality.md): P2's reserve workload on a stack with 2 replicas of every service and of
// the gateway, against the same workload on 1 replica in the same run. Each stack is started for
// its run and removed after it. With 2 replicas the load is split over both gateways (half the
// connections each, disjoint tickets), so every service's replicas serve requests, share their
// consumer queues and both run their outbox relays. Target: correctness holds — once the events
// settle, every order answered 201 has each effect exactly once (bench/support/settled-effects.ts);
// throughput is reported as a ratio.
import { BUYERS, RESERVE_WORKLOAD, reserveAll, type Reservation } from './reserve';
import type { InfraStack, InfraStackOptions } from './support/infra-stack';
import { auditStack } from './support/money-audit';
import { unexpected, type LoadResult } from './support/load';
import { round, type BenchResult } from './support/result';
import { seedTickets, waitForOrdersReplica } from './support/seed';
import { awaitEffects, effectsHold, type EffectCounts } from './support/settled-effects';

/** Longest wait for the events of a run to settle before its effects are judged. */
const SETTLE_MS = 60_000;

/** bench/run.ts passes a start that it can also stop if the whole run is aborted. */
export type StartStack = (options: InfraStackOptions) => Promise<InfraStack>;

interface ReplicaRun {
  replicas: number;
  /** Answers per second, all gateways together. */
  perSecond: number;
  requests: number;
  seconds: number;
  /** The highest p99 of the gateways. */
  p99: number;
  /** Answers other than 201 (warm-up and run), as "status×count". */
  unexpected: string;
  perGateway: LoadResult[];
  settleSeconds: number;
  effects: EffectCounts;
  /** Money audit findings once settled (R10). */
  auditFindings: number;
  correct: boolean;
}

/** Items i, i + n, i + 2n … for part i: disjoint lists of the same size (±1). */
function deal<T>(items: T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, part) => items.filter((_, index) => index % parts === part));
}

/** The workload split over the gateways at once; throughput is every answer over the longest run. */
async function reserveOverGateways(stack: InfraStack, cookies: string[], ticketIds: string[], seconds: number, onCreated: (reservation: Reservation) => void) {
  const gateways = stack.gatewayUrls;
  const lists = deal(ticketIds, gateways.length);
  const connections = Math.ceil(RESERVE_WORKLOAD.connections / gateways.length);
  const perGateway = await Promise.all(gateways.map((url, index) => reserveAll(url, cookies, lists[index], seconds, { connections, onCreated })));
  const requests = perGateway.reduce((sum, load) => sum + load.requests, 0);
  const longest = Math.max(...perGateway.map((load) => load.seconds));
  return {
    perGateway, requests, seconds: longest, perSecond: Math.round(requests / longest),
    p99: Math.max(...perGateway.map((load) => load.latencyMs.p99)),
    unanswered: perGateway.reduce((sum, load) => sum + Math.max(0, load.sent - load.requests), 0),
    unexpected: perGateway.map((load) => unexpected(load, 201)).filter(Boolean).join(' '),
  };
}

async function runWith(stack: InfraStack, replicas: number): Promise<ReplicaRun> {
  const seller = await stack.newUser();
  const buyers = await Promise.all(Array.from({ length: BUYERS }, () => stack.newUser()));
  const cookies = buyers.map((buyer) => buyer.cookie);
  const ticketIds = await seedTickets(stack, seller, RESERVE_WORKLOAD.tickets);
  await waitForOrdersReplica(stack, ticketIds);
  // Every 201 of warm-up and run: each of them must have had its effects.
  const reservations: Reservation[] = [];
  const onCreated = (reservation: Reservation) => { reservations.push(reservation); };
  const { warmUpTickets, warmUpSeconds, seconds } = RESERVE_WORKLOAD;
  const warmUp = await reserveOverGateways(stack, cookies, ticketIds.slice(0, warmUpTickets), warmUpSeconds, onCreated);
  const { unanswered, ...load } = await reserveOverGateways(stack, cookies, ticketIds.slice(warmUpTickets), seconds, onCreated);
  const settled = await awaitEffects(stack, { buyerId: buyers.map((buyer) => buyer.id), ticketIds, reservations, unanswered: warmUp.unanswered + unanswered }, SETTLE_MS);
  const notCreated = [warmUp.unexpected, load.unexpected].filter(Boolean).join(' ');
  const audit = await auditStack(stack);
  return {
    replicas, ...load, unexpected: notCreated, settleSeconds: settled.seconds, effects: settled.counts,
    auditFindings: audit.findings.length,
    correct: effectsHold(settled.counts) && notCreated === '' && audit.findings.length === 0,
  };
}

/** Starts a stack with `replicas`, runs the workload and stops the stack, whatever happens. */
async function measure(startStack: StartStack, replicas: number): Promise<ReplicaRun> {
  const stack = await startStack({ replicas });
  try {
    return await runWith(stack, replicas);
  } catch (error) {
    const recent = stack.recentOutput().split('\n').slice(-15).map((line) => line.slice(0, 300)).join('\n');
    throw new Error(`${replicas} replica(s): ${(error as Error).message}\nrecent stack output:\n${recent}`, { cause: error });
  } finally {
    await stack.stop();
  }
}

function showEffects(run: ReplicaRun): string {
  const c = run.effects;
  const statuses = run.unexpected ? `; not 201: ${run.unexpected}` : '';
  return `${c.created} × 201 (${c.distinctCreated} distinct), ${c.createdInDb} in orders DB; ${c.orders} orders in DB (${c.unannounced} unanswered, ≤ ${c.unanswered} dropped in flight), `
    + `${c.sharedTickets} tickets shared; ${c.ticketsReserved} tickets held at v1, ${c.ticketsWrong} wrong, ${c.ticketReplicaWrong} replica off; `
    + `${c.inPaymentsReplica} in payments; ${c.expiryJobs} expiry jobs (+${c.otherJobs} other); `
    + `events ${c.orderCreatedEvents} order:created, ${c.ticketUpdatedEvents} ticket:updated; `
    + `${c.unsentOutbox} unsent, ${c.unhandled} unhandled, ${c.queued} queued, ${c.deadLettered} dead-lettered; settled ${run.settleSeconds} s${statuses}; money audit ${run.auditFindings} findings`;
}

export async function scale(startStack: StartStack): Promise<BenchResult> {
  const one = await measure(startStack, 1);
  const two = await measure(startStack, 2);
  const ratio = round(two.perSecond / one.perSecond);
  return {
    name: 'scale',
    checks: [
      { id: 'P7', what: 'correctness with 2 replicas', target: 'each effect once', measured: showEffects(two), pass: two.correct },
      {
        id: 'P7', what: 'throughput 2 replicas vs 1', target: 'reported',
        measured: `${ratio} × (${two.perSecond} vs ${one.perSecond} req/s), p99 ${two.p99} vs ${one.p99} ms`, pass: two.correct,
      },
    ],
    details: { workload: RESERVE_WORKLOAD, settleTimeoutMs: SETTLE_MS, ratio, oneReplica: one, twoReplicas: two },
  };
}
