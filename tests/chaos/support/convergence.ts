// What must hold once the marketplace has settled after an outage or a crash (quality.md R1/R2),
// read straight from each service's database and the broker. Each check returns the divergences
// it finds as sentences; an empty list means converged.
import pg from 'pg';
import type { InfraStack, ServiceName } from '../../../bench/support/infra-stack';
import { queueDepths } from '../../../bench/support/queue-depths';
import { publishers, subscriptions } from '../../../bench/support/subscriptions';

type Rows = Record<string, unknown>[];


export interface Snapshot {
  outbox: Array<{ service: ServiceName; id: string; subject: string; sent: boolean; data: Record<string, unknown> }>;
  inbox: Array<{ service: ServiceName; eventId: string; group: string }>;
  tickets: Array<{ id: string; orderId: string | null; version: number }>;
  ticketReplica: Array<{ id: string; version: number }>;
  orders: Array<{ id: string; ticketId: string; status: string; version: number }>;
  orderReplica: Array<{ id: string; status: string; version: number }>;
  payments: Array<{ orderId: string; status: string }>;
  /** Cancelled orders whose cancel overtook their order:created at tickets (they never reserved). */
  earlyCancels: string[];
}

async function query(url: string, sql: string): Promise<Rows> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

export async function snapshot(stack: InfraStack): Promise<Snapshot> {
  const urls = stack.databaseUrls;
  const outbox = (await Promise.all(publishers.map(async (service) =>
    (await query(urls[service], "SELECT id, subject, sent_at IS NOT NULL AS sent, envelope->'data' AS data FROM outbox ORDER BY seq"))
      .map((row) => ({ service, id: String(row.id), subject: String(row.subject), sent: row.sent === true, data: row.data as Record<string, unknown> }))))).flat();
  const inbox = (await Promise.all(subscriptions.map(async ({ service }) =>
    (await query(urls[service], 'SELECT event_id, consumer_group FROM inbox'))
      .map((row) => ({ service, eventId: String(row.event_id), group: String(row.consumer_group) }))))).flat();
  const [tickets, ticketReplica, orders, orderReplica, payments, earlyCancels] = await Promise.all([
    query(urls.tickets, 'SELECT id, order_id AS "orderId", version FROM tickets'),
    query(urls.orders, 'SELECT id, version FROM tickets'),
    query(urls.orders, 'SELECT id, ticket_id AS "ticketId", status, version FROM orders ORDER BY created_at'),
    query(urls.payments, 'SELECT id, status, version FROM orders'),
    query(urls.payments, 'SELECT order_id AS "orderId", status FROM payments'),
    query(urls.tickets, 'SELECT order_id FROM early_cancels'),
  ]);
  return { outbox, inbox, tickets, ticketReplica, orders, orderReplica, payments, earlyCancels: earlyCancels.map((row) => String(row.order_id)) } as Snapshot;
}

/** Every outbox row sent, and received once by every group that subscribes to its subject. */
export function deliveryDivergences(state: Snapshot): string[] {
  const found: string[] = [];
  const unsent = state.outbox.filter((row) => !row.sent);
  if (unsent.length > 0) found.push(`${unsent.length} outbox rows unsent (${[...new Set(unsent.map((row) => row.service))].join(', ')})`);
  const received = new Set(state.inbox.map((row) => `${row.group}/${row.eventId}`));
  for (const { group, subjects } of subscriptions) {
    const missing = state.outbox.filter((row) => subjects.includes(row.subject) && !received.has(`${group}/${row.id}`));
    if (missing.length > 0) found.push(`${group} has not handled ${missing.length} events, e.g. ${missing[0].subject} ${missing[0].id}`);
  }
  return found;
}

/** tickets.order_id is the active order of orders (or none); the orders replica is at the same version. */
export function ticketDivergences(state: Snapshot): string[] {
  const found: string[] = [];
  const active = new Map(state.orders.filter((order) => order.status !== 'cancelled').map((order) => [order.ticketId, order.id]));
  const replica = new Map(state.ticketReplica.map((ticket) => [ticket.id, ticket.version]));
  for (const ticket of state.tickets) {
    const holder = active.get(ticket.id) ?? null;
    if (ticket.orderId !== holder) found.push(`ticket ${ticket.id}: orderId ${ticket.orderId} but the active order is ${holder}`);
    if (replica.get(ticket.id) !== ticket.version) found.push(`ticket ${ticket.id}: version ${ticket.version}, orders replica at ${replica.get(ticket.id)}`);
  }
  return found;
}

/**
 * Each event applied exactly once: a ticket's version counts its reservation changes, one per order
 * (reserve) plus one per cancelled order (release), none for an order whose cancel overtook its
 * order:created; and each version was published once.
 */
export function versionDivergences(state: Snapshot): string[] {
  const found: string[] = [];
  const changes = new Map<string, number>();
  const early = new Set(state.earlyCancels);
  const changesOf = (order: Snapshot['orders'][number]) => (order.status !== 'cancelled' ? 1 : early.has(order.id) ? 0 : 2);
  for (const order of state.orders) changes.set(order.ticketId, (changes.get(order.ticketId) ?? 0) + changesOf(order));
  const published = new Map<string, number[]>();
  for (const row of state.outbox.filter((event) => event.subject === 'ticket:updated')) {
    const id = String(row.data.id);
    published.set(id, [...(published.get(id) ?? []), Number(row.data.version)]);
  }
  for (const ticket of state.tickets) {
    const expected = changes.get(ticket.id) ?? 0;
    if (ticket.version !== expected) found.push(`ticket ${ticket.id}: version ${ticket.version}, expected ${expected} from its orders`);
    const versions = (published.get(ticket.id) ?? []).sort((a, b) => a - b);
    if (versions.join() !== Array.from({ length: ticket.version }, (_, i) => i + 1).join()) {
      found.push(`ticket ${ticket.id}: ticket:updated versions published [${versions.join()}] for version ${ticket.version}`);
    }
  }
  return found;
}

/** The payments replica agrees with orders; paid orders are complete; no money kept for a cancelled order. */
export function paymentDivergences(state: Snapshot): string[] {
  const found: string[] = [];
  const replica = new Map(state.orderReplica.map((order) => [order.id, order]));
  const succeeded = new Set(state.payments.filter((payment) => payment.status === 'succeeded').map((payment) => payment.orderId));
  for (const order of state.orders) {
    const copy = replica.get(order.id);
    if (!copy) { found.push(`order ${order.id} missing from the payments replica`); continue; }
    if ((order.status === 'cancelled') !== (copy.status === 'cancelled')) found.push(`order ${order.id}: ${order.status} in orders, ${copy.status} in payments`);
    if (order.status === 'cancelled' && copy.version !== order.version) found.push(`order ${order.id}: cancelled at version ${order.version}, payments replica at ${copy.version}`);
    if (order.status === 'complete' && !succeeded.has(order.id)) found.push(`order ${order.id}: complete without a succeeded payment`);
    if (order.status !== 'complete' && succeeded.has(order.id)) found.push(`order ${order.id}: ${order.status} but a payment succeeded and was not refunded`);
  }
  const pending = state.payments.filter((payment) => payment.status === 'pending');
  if (pending.length > 0) found.push(`${pending.length} payments still pending`);
  return found;
}

/** Queues drained (nothing waiting for a retry) and nothing dead-lettered. */
export async function brokerDivergences(stack: InfraStack): Promise<string[]> {
  // <exchange>.dlq-index holds one marker per queue that has a dead-letter queue: not events.
  return (await queueDepths(stack.busUrl)).filter((queue) => queue.messages > 0 && !queue.name.endsWith('.dlq-index'))
    .map((queue) => `${queue.messages} messages in ${queue.name}${queue.name.endsWith('.dlq') ? ' (dead-lettered)' : ''}`);
}

export async function divergences(stack: InfraStack): Promise<string[]> {
  const state = await snapshot(stack);
  return [
    ...deliveryDivergences(state), ...ticketDivergences(state), ...versionDivergences(state), ...paymentDivergences(state),
    ...await brokerDivergences(stack),
  ];
}

/** Polls until nothing diverges (bounded); returns what still diverges at the deadline (empty when converged). */
export async function awaitConvergence(stack: InfraStack, timeoutMs: number): Promise<{ remaining: string[]; seconds: number }> {
  const started = Date.now();
  let remaining = await divergences(stack);
  while (remaining.length > 0 && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    remaining = await divergences(stack);
  }
  return { remaining, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
