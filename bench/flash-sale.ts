// P4 flash sale (quality.md), through the gateway:
//   1. 1,000 distinct buyers at once for 1 ticket → exactly 1 × 201 and 999 × 400;
//   2. 10,000 distinct buyers for 5,000 tickets (two per ticket, in random order) → exactly 5,000
//      orders, no ticket in two orders, 0 × 5xx; orders/s through the gateway (target ≥ 1,000).
// The orders database is checked too: the responses alone could hide a double booking.
import { Agent, request } from 'node:http';
import type { BenchUser, InfraStack } from './support/infra-stack';
import { auditStack } from './support/money-audit';
import { round, type BenchResult } from './support/result';
import { queryDb, seedTickets, waitForOrdersReplica } from './support/seed';

const SINGLE_BUYERS = 1_000;
const TICKETS = 5_000;
const BUYERS_PER_TICKET = 2;
/** Requests in flight at once in the second round (buyers beyond it queue, as at a real sale). */
const IN_FLIGHT = 1_000;

interface Attempt { ticketId: string; buyer: BenchUser }
interface Outcome { status: number; ticketId: string; orderId?: string }

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** POST with node:http (no extra dependency); the status and the parsed body, or status 0 on a network error. */
function post(url: string, cookie: string, body: string, agent: Agent): Promise<{ status: number; body: { id?: string } }> {
  return new Promise((resolve) => {
    const outgoing = request(url, {
      method: 'POST', agent, timeout: 60_000,
      headers: { cookie, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        let parsed: { id?: string } = {};
        try { parsed = JSON.parse(Buffer.concat(chunks).toString()); } catch { /* a non-JSON body is counted by its status */ }
        resolve({ status: response.statusCode ?? 0, body: parsed });
      });
      response.on('error', () => resolve({ status: 0, body: {} }));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', () => resolve({ status: 0, body: {} }));
    outgoing.end(body);
  });
}

async function attemptAll(stack: InfraStack, attempts: Attempt[], inFlight: number): Promise<{ outcomes: Outcome[]; seconds: number }> {
  // Enough sockets that every buyer in flight has its own connection.
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const outcomes: Outcome[] = [];
  let next = 0;
  const buy = async ({ ticketId, buyer }: Attempt): Promise<Outcome> => {
    const response = await post(`${stack.gatewayUrl}/api/orders`, buyer.cookie, JSON.stringify({ ticketId }), agent);
    return { status: response.status, ticketId, orderId: response.status === 201 ? response.body.id : undefined };
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(inFlight, attempts.length) }, async () => {
    while (next < attempts.length) outcomes.push(await buy(attempts[next++]));
  }));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { outcomes, seconds };
}

const count = (outcomes: Outcome[], test: (status: number) => boolean) => outcomes.filter((outcome) => test(outcome.status)).length;
const statusCounts = (outcomes: Outcome[]) => outcomes.reduce<Record<string, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

/** Tickets (of `ids`) held by more than one reserving order of one generation, and how many reserving orders there are. */
async function bookings(stack: InfraStack, ids: string[]): Promise<{ orders: number; shared: number }> {
  const [row] = await queryDb<{ orders: number; shared: number }>(stack.databaseUrls.orders, `
    SELECT count(*)::int AS orders, (count(*) - count(DISTINCT (ticket_id, ticket_generation)))::int AS shared FROM orders
     WHERE ticket_id = ANY($1::uuid[]) AND status IN ('created', 'awaiting:payment', 'complete')`, [ids]);
  return row;
}

async function singleTicket(stack: InfraStack) {
  const [ticketId] = await seedTickets(stack, await stack.newUser(), 1);
  await waitForOrdersReplica(stack, [ticketId]);
  const buyers = await Promise.all(Array.from({ length: SINGLE_BUYERS }, () => stack.newUser()));
  const { outcomes, seconds } = await attemptAll(stack, buyers.map((buyer) => ({ ticketId, buyer })), SINGLE_BUYERS);
  const created = count(outcomes, (status) => status === 201);
  const rejected = count(outcomes, (status) => status === 400);
  const database = await bookings(stack, [ticketId]);
  return { created, rejected, statuses: statusCounts(outcomes), seconds: round(seconds), database };
}

async function manyTickets(stack: InfraStack) {
  const ids = await seedTickets(stack, await stack.newUser(), TICKETS);
  await waitForOrdersReplica(stack, ids);
  const attempts: Attempt[] = [];
  for (const ticketId of ids) for (let i = 0; i < BUYERS_PER_TICKET; i++) attempts.push({ ticketId, buyer: await stack.newUser() });
  const { outcomes, seconds } = await attemptAll(stack, shuffle(attempts), IN_FLIGHT);
  const winners = outcomes.filter((outcome) => outcome.status === 201);
  return {
    buyers: attempts.length,
    created: winners.length,
    distinctTickets: new Set(winners.map((outcome) => outcome.ticketId)).size,
    distinctOrders: new Set(winners.map((outcome) => outcome.orderId)).size,
    serverErrors: count(outcomes, (status) => status >= 500 || status === 0),
    statuses: statusCounts(outcomes),
    seconds: round(seconds),
    ordersPerSecond: Math.round(winners.length / seconds),
    database: await bookings(stack, ids),
  };
}

export async function flashSale(stack: InfraStack): Promise<BenchResult> {
  const single = await singleTicket(stack);
  const many = await manyTickets(stack);
  const audit = await auditStack(stack);
  const singleOk = single.created === 1 && single.rejected === SINGLE_BUYERS - 1 && single.database.orders === 1;
  const manyOk = many.created === TICKETS && many.distinctTickets === TICKETS && many.distinctOrders === TICKETS
    && many.serverErrors === 0 && many.database.orders === TICKETS && many.database.shared === 0;
  const show = (statuses: Record<string, number>) => Object.entries(statuses).map(([status, n]) => `${n}×${status}`).join(' ');
  return {
    name: 'flash-sale',
    checks: [
      { id: 'P4', what: `1 ticket, ${SINGLE_BUYERS} buyers at once`, target: '1×201 999×400', measured: `${show(single.statuses)}; ${single.database.orders} order in DB`, pass: singleOk },
      { id: 'P4', what: `${TICKETS} tickets, ${many.buyers} buyers`, target: `${TICKETS} orders, none shared, 0×5xx`, measured: `${show(many.statuses)}; DB ${many.database.orders} orders, ${many.database.shared} shared`, pass: manyOk },
      { id: 'P4', what: 'money audit (R10)', target: 'no findings', measured: `${audit.findings.length} findings`, pass: audit.findings.length === 0 },
      { id: 'P4', what: 'orders/s through the gateway', target: '≥ 1000/s', measured: `${many.ordersPerSecond}/s (${many.buyers} requests in ${many.seconds} s)`, pass: many.ordersPerSecond >= 1_000 },
    ],
    details: { single, many, inFlight: IN_FLIGHT, audit: audit.text },
  };
}
