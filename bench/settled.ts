// P8 settled (quality.md): reservations (POST /api/orders) through the gateway, 50 connections,
// each for a ticket no one holds, spread over many buyers — counted when their effect has reached
// tickets (order_id set), payments (its orders replica) and expiration (the expiry scheduled), not
// when the HTTP answer came: settled/s = orders ÷ (load time + time until the last effect landed).
// On a stack of its own (bench/support/infra-stack.ts), so the totals and the CPU are the run's.
// Reported with it, for the measured window (load start → settled):
//   - CPU-ms per reservation of every process: each service, the gateway, PostgreSQL (the stack's
//     backends per database, and its background processes), RabbitMQ (beam.smp), Redis, the load generator;
//   - PostgreSQL commits, rows and WAL (records, bytes, syncs) per reservation (pg-stats.ts);
//     statement calls too when pg_stat_statements is preloaded.
// Then the exactly-once checker (settled-effects.ts) and the money audit must be clean, and the
// baseline runs: pgbench doing the same order + outbox transaction on the same PostgreSQL (ratio).
// Last, embedded mode (bench/support/embedded-child.ts): settled/s and p99, same rules.
// RabbitMQ, Redis and PostgreSQL's background processes serve everyone on the machine: their CPU
// includes whatever else ran meanwhile (the report says how busy the machine was).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../tools/launcher/src/free-port';
import { waitForHttp } from '../tools/launcher/src/web-client';
import { loadOrCreateSigningKey } from '../services/auth/src/signing-key';
import { createSessionTokens } from '../services/auth/src/session-token';
import type { Reservation } from './reserve';
import { trackProcess } from './support/external';
import type { InfraStack, InfraStackOptions } from './support/infra-stack';
import { runLoad, unexpected, type LoadResult } from './support/load';
import { auditStack } from './support/money-audit';
import { FLUSH_WAIT_MS, pgDelta, pgSnapshot, statementStatsAvailable, type PgDelta } from './support/pg-stats';
import { pgbenchPath, runPgbench, type PgbenchResult } from './support/pgbench';
import { readCmdline, trackCpu, type Classifier } from './support/proc-stat';
import { round, type BenchResult, type Check } from './support/result';
import { queryDb, seedTickets, waitForOrdersReplica } from './support/seed';
import { awaitEffects, effectsHold, type EffectCounts } from './support/settled-effects';
import { pollUntilSettled, watchInfraSettling, type SettleCounts } from './support/settle-watch';

export const SETTLED_WORKLOAD = {
  connections: 50,
  /** The run ends after `seconds` or when every ticket has been ordered, whichever is first. */
  seconds: 10,
  tickets: 8_000,
  warmUpTickets: 500,
  warmUpSeconds: 5,
  /** ≤ 4.25 orders each: well under orders' MAX_ACTIVE_ORDERS_PER_USER (10). */
  buyers: 2_000,
  /** Longest wait for the effects of a run to land. */
  settleTimeoutMs: 120_000,
  pgbench: { clients: 10, seconds: 8 },
  embedded: { tickets: 3_000, warmUpTickets: 200, warmUpSeconds: 3, seconds: 10, buyers: 800 },
} as const;
const W = SETTLED_WORKLOAD;
const TARGET = 1_000;

export type StartStack = (options: InfraStackOptions) => Promise<InfraStack>;

const root = fileURLToPath(new URL('../', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] P8 ${message}`);

/** POSTs {ticketId} for the next ticket of the list, as the next buyer of `cookies` (round robin). */
function reserveAsMany(url: string, cookies: string[], ticketIds: string[], seconds: number, onCreated: (reservation: Reservation) => void): Promise<LoadResult> {
  let next = 0;
  return runLoad({
    url, connections: W.connections, duration: seconds, maxOverallRequests: ticketIds.length,
    requests: [{
      method: 'POST', path: '/api/orders',
      setupRequest: (request) => {
        const index = next++;
        return {
          ...request, headers: { ...request.headers, 'content-type': 'application/json', cookie: cookies[index % cookies.length] },
          body: JSON.stringify({ ticketId: ticketIds[index % ticketIds.length] }),
        };
      },
      onResponse: (status: number, body: string) => {
        if (status !== 201) return;
        const order = JSON.parse(body) as { id: string; ticket: { id: string } };
        onCreated({ orderId: order.id, ticketId: order.ticket.id });
      },
    }],
  });
}

const only201 = (load: LoadResult) => Object.keys(load.statuses).every((status) => status === '201');

/** ms → CPU-ms per reservation, per group, largest first. */
function perReservation(cpuMs: Record<string, number>, orders: number): Record<string, number> {
  return Object.fromEntries(Object.entries(cpuMs).sort(([, a], [, b]) => b - a).map(([group, ms]) => [group, round(ms / Math.max(1, orders), 3)]));
}

/** Groups counted in "total": what the stack and the load cost (not other users' databases, not our watcher). */
const counted = (group: string) => !group.startsWith('(');
const sumCounted = (cpu: Record<string, number>) => round(Object.entries(cpu).filter(([group]) => counted(group)).reduce((sum, [, ms]) => sum + ms, 0), 3);

const BACKGROUND = /checkpointer|background writer|walwriter|autovacuum|logical replication|archiver|stats collector|walsender|walreceiver/;

/** Postgres processes: this stack's backends by database, the server's own processes, everyone else's. */
function classifyPostgres(pid: number, ppid: number, databases: Map<string, string>, excluded: Set<number>): string {
  if (excluded.has(pid)) return '(bench watcher: postgres)';
  const cmdline = readCmdline(pid);
  for (const [name, service] of databases) if (cmdline.includes(` ${name} `)) return `postgres: ${service} db`;
  if (ppid === 1 || BACKGROUND.test(cmdline)) return 'postgres: background (shared)';
  return '(postgres: other databases)';
}

function infraClassifier(stack: InfraStack, excludedBackends: Set<number>): Classifier {
  const owner = new Map<number, string>();
  for (const { name, pids } of stack.processes()) for (const pid of pids) owner.set(pid, name);
  const databases = new Map(Object.entries(stack.databaseUrls).map(([service, url]) => [new URL(url).pathname.slice(1), service]));
  return (stat) => {
    const name = owner.get(stat.pid);
    if (name) return name;
    if (stat.comm === 'postgres') return classifyPostgres(stat.pid, stat.ppid, databases, excludedBackends);
    if (stat.comm === 'beam.smp') return 'rabbitmq (shared)';
    if (stat.comm === 'redis-server') return 'redis (shared)';
    if (stat.comm === 'pgbench') return 'pgbench';
    return undefined;
  };
}

/** CPU of this process (the load generator and the watcher) in ms, from process.cpuUsage. */
const selfCpuMs = (since: NodeJS.CpuUsage) => { const used = process.cpuUsage(since); return (used.user + used.system) / 1000; };

interface Window { classified: ReturnType<typeof trackCpu>; machine: ReturnType<typeof trackCpu>; self: NodeJS.CpuUsage; started: number; load: number[] }
const openWindow = (classify: Classifier): Window => ({
  // The whole machine only for how busy it was: sampled rarely (reading all of /proc costs the load generator CPU).
  classified: trackCpu(classify, 500), machine: trackCpu(() => 'all', 5_000), self: process.cpuUsage(), started: performance.now(), load: loadavg(),
});
/** CPU-ms per group, and of the whole machine per second (how busy it was: 1000 = one core). */
function closeWindow(window: Window): { cpuMs: Record<string, number>; seconds: number; machineCpuMsPerSecond: number; loadAverage: number[] } {
  const cpuMs = window.classified.stop();
  const seconds = (performance.now() - window.started) / 1000;
  cpuMs['load generator (bench)'] = selfCpuMs(window.self);
  return { cpuMs, seconds, machineCpuMsPerSecond: Math.round((window.machine.stop().all ?? 0) / seconds), loadAverage: [...window.load, ...loadavg()].map((n) => round(n, 1)) };
}

/** What a load run measured, in either mode. */
interface ReservationRun {
  orders: number;
  loadSeconds: number;
  settleSeconds: number;
  settledPerSecond: number;
  answeredPerSecond: number;
  p99: number;
  p50: number;
  /** Answers other than 201, and the load generator's own errors (timeouts). */
  unexpected: string;
  /** Every answer that came was a 201 (a client timeout is reported, not failed: the effects decide). */
  statusesOk: boolean;
  settled: boolean;
  counts: SettleCounts;
}

interface InfraRun extends ReservationRun {
  cpuMsTotal: Record<string, number>;
  cpuMsPerReservation: Record<string, number>;
  cpuMsPerReservationTotal: number;
  /** Each process's CPU while the stack sat idle (11 s before the load): polling, timers — and, for the shared servers, everyone else. */
  idleCpuMsPerSecond: Record<string, number>;
  idleMachineCpuMsPerSecond: number;
  /** The stack's processes and servers (not the load generator) less what they spend idle, per reservation. */
  cpuMsPerReservationNetOfIdle: number;
  /** Other processes' CPU over the same window (machine busy?): all of /proc minus what is counted. */
  machineCpuMsPerSecond: number;
  loadAverage: number[];
  postgres: PgDelta & { perReservation: Record<string, number | null> };
  effects: EffectCounts;
  effectsHold: boolean;
  auditFindings: number;
  auditText: string;
  pgbench: { error: string } | PgbenchResult & { cpuMsPerTransaction: Record<string, number>; postgres: PgDelta & { perTransaction: Record<string, number | null> } };
}

async function runInfra(stack: InfraStack): Promise<InfraRun> {
  const seller = await stack.newUser();
  const buyers = await Promise.all(Array.from({ length: W.buyers }, () => stack.newUser()));
  const cookies = buyers.map((buyer) => buyer.cookie);
  log(`seeding ${W.warmUpTickets + W.tickets} tickets …`);
  const ticketIds = await seedTickets(stack, seller, W.warmUpTickets + W.tickets);
  await waitForOrdersReplica(stack, ticketIds);
  const watch = await watchInfraSettling(stack);
  const adminUrl = new URL(stack.databaseUrls.orders);
  adminUrl.pathname = '/postgres';
  const admin = adminUrl.toString();
  const databases = Object.values(stack.databaseUrls).map((url) => new URL(url).pathname.slice(1));
  try {
    const reservations: Reservation[] = [];
    const onCreated = (reservation: Reservation) => { reservations.push(reservation); };
    log('warm-up …');
    const warm = await reserveAsMany(stack.gatewayUrl, cookies, ticketIds.slice(0, W.warmUpTickets), W.warmUpSeconds, onCreated);
    const warmSettled = await watch.untilSettled(W.settleTimeoutMs);
    if (!warmSettled.settled) throw new Error(`the warm-up did not settle: ${JSON.stringify(warmSettled.counts)}`);
    const withStatements = await statementStatsAvailable(admin);
    const excluded = new Set(await watch.backendPids());
    const classify = infraClassifier(stack, excluded);
    // Every backend's counters flushed meanwhile; what each process spends idle is measured too.
    const idleWindow = openWindow(classify);
    await sleep(FLUSH_WAIT_MS);
    const idle = closeWindow(idleWindow);
    const idleMsPerSecond = Object.fromEntries(Object.entries(idle.cpuMs).map(([group, ms]) => [group, round(ms / idle.seconds, 1)]));
    const pgBefore = await pgSnapshot(admin, databases, withStatements);
    const before = await watch.counts();

    log(`load: ${W.connections} connections, ${W.tickets} tickets, ≤ ${W.seconds} s …`);
    const window = openWindow(classify);
    const load = await reserveAsMany(stack.gatewayUrl, cookies, ticketIds.slice(W.warmUpTickets), W.seconds, onCreated);
    const loadEnded = performance.now();
    const loadSeconds = (loadEnded - window.started) / 1000;
    const settle = await watch.untilSettled(W.settleTimeoutMs);
    const cpu = closeWindow(window);
    const settleSeconds = (settle.at - loadEnded) / 1000;
    const orders = settle.counts.orders - before.orders;
    log(`${orders} orders, load ${loadSeconds.toFixed(1)} s + settle ${settleSeconds.toFixed(1)} s; waiting for PostgreSQL's counters …`);
    await sleep(FLUSH_WAIT_MS);
    const pg = pgDelta(pgBefore, await pgSnapshot(admin, databases, withStatements));

    const effects = await awaitEffects(stack, {
      buyerId: buyers.map((buyer) => buyer.id), ticketIds, reservations,
      unanswered: Math.max(0, warm.sent - warm.requests) + Math.max(0, load.sent - load.requests),
    }, 60_000);
    const audit = await auditStack(stack);
    const pgbench = await baseline(stack, admin, databases, withStatements, excluded)
      .catch((error: Error) => ({ error: error.message.slice(0, 2000) }));
    const perOrder = (n: number | undefined) => (n === undefined ? null : round(n / Math.max(1, orders), 2));
    return {
      orders, loadSeconds: round(loadSeconds, 2), settleSeconds: round(settleSeconds, 2),
      settledPerSecond: Math.round(orders / (loadSeconds + settleSeconds)),
      answeredPerSecond: load.perSecond, p99: load.latencyMs.p99, p50: load.latencyMs.p50,
      unexpected: [unexpected(warm, 201), unexpected(load, 201)].filter(Boolean).join(' '), statusesOk: only201(warm) && only201(load),
      settled: settle.settled, counts: settle.counts,
      cpuMsTotal: Object.fromEntries(Object.entries(cpu.cpuMs).map(([group, ms]) => [group, Math.round(ms)])),
      cpuMsPerReservation: perReservation(cpu.cpuMs, orders), cpuMsPerReservationTotal: round(sumCounted(cpu.cpuMs) / Math.max(1, orders), 2),
      idleCpuMsPerSecond: idleMsPerSecond, idleMachineCpuMsPerSecond: idle.machineCpuMsPerSecond,
      cpuMsPerReservationNetOfIdle: round(Object.entries(cpu.cpuMs).filter(([group]) => counted(group) && group !== 'load generator (bench)')
        .reduce((sum, [group, ms]) => sum + Math.max(0, ms - (idleMsPerSecond[group] ?? 0) * cpu.seconds), 0) / Math.max(1, orders), 2),
      machineCpuMsPerSecond: cpu.machineCpuMsPerSecond, loadAverage: cpu.loadAverage,
      postgres: {
        ...pg,
        perReservation: {
          commits: perOrder(pg.total.commits), rollbacks: perOrder(pg.total.rollbacks), rowsInserted: perOrder(pg.total.inserted),
          rowsUpdated: perOrder(pg.total.updated), rowsDeleted: perOrder(pg.total.deleted), calls: perOrder(pg.calls?.total),
          walRecords: perOrder(pg.wal?.records), walBytes: perOrder(pg.wal?.bytes), walSyncs: perOrder(pg.wal?.syncs), walWrites: perOrder(pg.wal?.writes),
        },
      },
      effects: effects.counts, effectsHold: effectsHold(effects.counts),
      auditFindings: audit.findings.length, auditText: audit.text,
      pgbench,
    };
  } finally {
    await watch.close();
  }
}

/** pgbench on the stack's orders database (the stack idle), with its CPU and PostgreSQL counters. */
async function baseline(stack: InfraStack, admin: string, databases: string[], withStatements: boolean, excluded: Set<number>): Promise<InfraRun['pgbench']> {
  const [sample] = await queryDb<{ envelope: string; headers: string }>(stack.databaseUrls.orders,
    "SELECT envelope::text AS envelope, headers::text AS headers FROM outbox WHERE subject = 'order:created' ORDER BY seq DESC LIMIT 1");
  log(`baseline: pgbench, ${W.pgbench.clients} clients, ${W.pgbench.seconds} s …`);
  const classify = infraClassifier(stack, excluded);
  const pgBefore = await pgSnapshot(admin, databases, withStatements);
  let window: Window | undefined;
  let cpu: ReturnType<typeof closeWindow> | undefined;
  const result = await runPgbench(stack.databaseUrls.orders, {
    ...W.pgbench, envelope: sample.envelope, headers: sample.headers,
    onStart: () => { window = openWindow(classify); },
    // pgbench and its backends have exited: the tracker kept their last samples.
    onEnd: () => { cpu = closeWindow(window!); },
  });
  await sleep(FLUSH_WAIT_MS);
  const pg = pgDelta(pgBefore, await pgSnapshot(admin, databases, withStatements));
  const per = (n: number | undefined) => (n === undefined ? null : round(n / Math.max(1, result.transactions), 2));
  return {
    ...result,
    cpuMsPerTransaction: perReservation(cpu?.cpuMs ?? {}, result.transactions),
    postgres: {
      ...pg,
      perTransaction: { commits: per(pg.total.commits), calls: per(pg.calls?.total), walRecords: per(pg.wal?.records), walBytes: per(pg.wal?.bytes), walSyncs: per(pg.wal?.syncs) },
    },
  };
}

interface EmbeddedRun extends ReservationRun {
  cpuMsPerReservation: Record<string, number>;
  effects: Record<string, number>;
  effectsHold: boolean;
}

/** Embedded mode (`npm start`'s stack in a process of its own): the same workload, smaller. */
async function runEmbedded(): Promise<EmbeddedRun> {
  const E = W.embedded;
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketing-bench-p8-'));
  const [port, controlPort] = await Promise.all([freePort(), freePort()]);
  const output: string[] = [];
  const child = spawn(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, `${root}bench/support/embedded-child.ts`], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BENCH_DATA_DIR: dataDir, BENCH_PORT: String(port), BENCH_CONTROL_PORT: String(controlPort) },
  });
  trackProcess(child);
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => { output.push(chunk.toString()); output.splice(0, Math.max(0, output.length - 50)); });
  const control = async <T>(path: string): Promise<T> => {
    const answer = await fetch(`http://127.0.0.1:${controlPort}${path}`);
    if (!answer.ok) throw new Error(`embedded control ${path}: ${answer.status} ${await answer.text()}`);
    return answer.json() as Promise<T>;
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`http://127.0.0.1:${controlPort}/counts`, child, 120_000);
    await waitForHttp(`${url}/healthz`, child, 30_000);
    const tokens = createSessionTokens(await loadOrCreateSigningKey(join(dataDir, 'auth-signing-key.json')), 86_400);
    const session = async () => { const id = crypto.randomUUID(); return { id, cookie: `session=${await tokens.issue({ id, email: `${id}@bench.test` })}` }; };
    const seller = await session();
    const cookies = (await Promise.all(Array.from({ length: E.buyers }, session))).map((buyer) => buyer.cookie);
    const count = E.warmUpTickets + E.tickets;
    log(`embedded: seeding ${count} tickets …`);
    const seeded = await runLoad({
      url: `${url}/api/tickets`, connections: 20, amount: count, method: 'POST',
      headers: { cookie: seller.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Bench concert', price: '25.00' }),
    });
    if (unexpected(seeded, 201)) throw new Error(`embedded: seeding tickets: ${unexpected(seeded, 201)}`);
    let tickets = await control<{ ids: string[]; known: number }>(`/tickets/${seller.id}`);
    for (let wait = 0; tickets.known < count && wait < 600; wait++) { await sleep(200); tickets = await control(`/tickets/${seller.id}`); }
    if (tickets.known < count) throw new Error(`embedded: orders' replica knows ${tickets.known} of ${count} tickets`);
    const counts = () => control<SettleCounts>('/counts');
    const ignore = () => {};
    const warm = await reserveAsMany(url, cookies, tickets.ids.slice(0, E.warmUpTickets), E.warmUpSeconds, ignore);
    if (!(await pollUntilSettled(counts, W.settleTimeoutMs)).settled) throw new Error('embedded: the warm-up did not settle');
    const before = await counts();
    const pids = new Set(descendantsOf(child.pid!));
    const classify: Classifier = (stat) => (pids.has(stat.pid) ? 'embedded process' : undefined);
    log(`embedded: load, ${W.connections} connections …`);
    const window = openWindow(classify);
    const load = await reserveAsMany(url, cookies, tickets.ids.slice(E.warmUpTickets), E.seconds, ignore);
    const loadEnded = performance.now();
    const settle = await pollUntilSettled(counts, W.settleTimeoutMs);
    const cpu = closeWindow(window);
    const loadSeconds = (loadEnded - window.started) / 1000;
    const settleSeconds = (settle.at - loadEnded) / 1000;
    const orders = settle.counts.orders - before.orders;
    const effects = await control<Record<string, number>>('/effects');
    const holds = effects.sharedTickets === 0 && effects.ticketsWrong === 0 && effects.ticketReplicaWrong === 0 && effects.paymentsWrong === 0
      && effects.timersWrong === 0 && effects.orderCreatedEvents === effects.orders && effects.ticketUpdatedEvents === effects.orders
      && effects.unsentOutbox === 0 && effects.unhandled === 0;
    return {
      orders, loadSeconds: round(loadSeconds, 2), settleSeconds: round(settleSeconds, 2), settledPerSecond: Math.round(orders / (loadSeconds + settleSeconds)),
      answeredPerSecond: load.perSecond, p99: load.latencyMs.p99, p50: load.latencyMs.p50,
      unexpected: [unexpected(warm, 201), unexpected(load, 201)].filter(Boolean).join(' '), statusesOk: only201(warm) && only201(load),
      settled: settle.settled, counts: settle.counts, cpuMsPerReservation: perReservation(cpu.cpuMs, orders), effects, effectsHold: holds,
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\nembedded output:\n${output.join('').slice(-2000)}`, { cause: error });
  } finally {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function descendantsOf(pid: number): number[] {
  const found = [pid];
  for (let index = 0; index < found.length && found.length < 64; index++) {
    try {
      found.push(...readFileSync(`/proc/${found[index]}/task/${found[index]}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number));
    } catch { /* ended */ }
  }
  return found;
}

function stopProcess(child: ReturnType<typeof spawn>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  });
}

const show = (perReservation: Record<string, number>) => Object.entries(perReservation).filter(([group, ms]) => counted(group) && ms >= 0.01)
  .map(([group, ms]) => `${group} ${ms}`).join(', ');

export async function settled(startStack: StartStack): Promise<BenchResult> {
  if (!pgbenchPath()) throw new Error('P8 needs pgbench (Debian: apt-get install postgresql-client)');
  const stack = await startStack({});
  let infra: InfraRun;
  try {
    infra = await runInfra(stack);
  } catch (error) {
    const recent = stack.recentOutput().split('\n').slice(-15).map((line) => line.slice(0, 300)).join('\n');
    throw new Error(`${(error as Error).message}\nrecent stack output:\n${recent}`, { cause: error });
  } finally {
    await stack.stop();
  }
  const embedded = await runEmbedded();
  const pgbench = 'error' in infra.pgbench ? undefined : infra.pgbench;
  const ratio = pgbench ? round(infra.settledPerSecond / pgbench.tps, 3) : NaN;
  const c = infra.effects;
  const oversold = c.sharedTickets + c.ticketsWrong;
  const correct = infra.settled && infra.effectsHold && infra.auditFindings === 0 && infra.statusesOk;
  const per = infra.postgres.perReservation;
  const busy = `machine CPU ${(infra.machineCpuMsPerSecond / 1000).toFixed(2)} cores busy on average, load avg ${infra.loadAverage.join('/')}`;
  const checks: Check[] = [
    {
      id: 'P8', what: 'settled reservations/s through the gateway (infra)', target: `≥ ${TARGET}/s`,
      measured: `${infra.settledPerSecond}/s (${infra.orders} orders in ${infra.loadSeconds} s load + ${infra.settleSeconds} s settle; answered ${infra.answeredPerSecond}/s, p99 ${infra.p99} ms)`,
      pass: infra.settledPerSecond >= TARGET && correct,
    },
    {
      id: 'P8', what: 'oversold, exactly-once, money audit', target: '0; each effect once; 0 findings',
      measured: `${oversold} oversold; ${infra.effectsHold ? 'each effect once' : `effects off: ${JSON.stringify(c)}`}; audit ${infra.auditFindings} findings${infra.unexpected ? `; not 201: ${infra.unexpected}` : ''}`,
      pass: oversold === 0 && correct,
    },
    {
      id: 'P8', what: 'vs pgbench, same order + outbox transaction', target: 'reported',
      measured: pgbench ? `${ratio} × (${infra.settledPerSecond} settled/s vs ${pgbench.tps} tps, ${pgbench.clients} clients)` : `pgbench failed: ${'error' in infra.pgbench ? infra.pgbench.error.split('\n')[0].slice(0, 200) : ''}`,
      pass: pgbench !== undefined && pgbench.failed === 0 && pgbench.ordersInserted === pgbench.transactions,
    },
    {
      id: 'P8', what: 'CPU-ms per reservation', target: 'reported',
      measured: `${infra.cpuMsPerReservationTotal} total (${infra.cpuMsPerReservationNetOfIdle} for the stack net of its idle CPU): ${show(infra.cpuMsPerReservation)} (${busy}); pgbench: ${pgbench ? show(pgbench.cpuMsPerTransaction) : '—'}`, pass: true,
    },
    {
      id: 'P8', what: 'PostgreSQL per reservation', target: 'reported',
      measured: `${per.commits} commits, ${per.rollbacks} rollbacks, ${per.calls ?? 'n/a (pg_stat_statements not preloaded)'} calls, ${per.rowsInserted} rows inserted, ${per.rowsUpdated} updated, ${per.rowsDeleted} deleted; WAL ${per.walRecords} records, ${per.walBytes} bytes, ${per.walSyncs} syncs (server-wide); pgbench ${pgbench?.postgres.perTransaction.commits ?? '—'} commits, ${pgbench?.postgres.perTransaction.walSyncs ?? '—'} WAL syncs per transaction`,
      pass: true,
    },
    {
      id: 'P8', what: 'embedded mode settled reservations/s', target: 'reported',
      measured: `${embedded.settledPerSecond}/s (${embedded.orders} orders, ${embedded.loadSeconds} s + ${embedded.settleSeconds} s), p99 ${embedded.p99} ms; ${embedded.effectsHold ? 'each effect once' : `effects off: ${JSON.stringify(embedded.effects)}`}${embedded.unexpected ? `; ${embedded.unexpected}` : ''}; ${embedded.cpuMsPerReservation['embedded process'] ?? '?'} CPU-ms/reservation`,
      pass: embedded.settled && embedded.effectsHold && embedded.statusesOk,
    },
  ];
  return { name: 'settled', checks, details: { workload: SETTLED_WORKLOAD, ratio, infra, embedded } };
}
