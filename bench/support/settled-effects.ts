// What P7 checks once the events of a reserve run have settled: every order answered 201 is in the
// orders database once, and every order the buyer has there (including those whose answer the
// load generator dropped when its run ended) had each effect exactly once — the reservation mark
// and one version bump in the tickets database, both replicas, one expiry job, one event of each
// kind — and nothing is left unsent, unhandled or dead-lettered. Counted straight from the
// databases, Redis and the broker.
import { Queue } from 'bullmq';
import { expiryJobId } from '../../services/expiration/src/scheduler/bullmq.scheduler';
import type { InfraStack } from './infra-stack';
import { queueDepths } from './queue-depths';
import { publishers as outboxes, subscriptions } from './subscriptions';
import { queryDb } from './seed';

export interface ReserveRun {
  /** The buyer, or the buyers (P8 spreads its load over many). */
  buyerId: string | string[];
  /** Every ticket the run could have reserved (no one else orders them). */
  ticketIds: string[];
  /** The 201 answers: which order won which ticket. */
  reservations: Array<{ orderId: string; ticketId: string }>;
  /** Requests sent but never answered (dropped in flight at the end of a timed run). */
  unanswered: number;
}

export interface EffectCounts {
  /** 201 answers, and how many distinct orders they name. */
  created: number;
  distinctCreated: number;
  /** The buyer's orders in the orders database; the effects below are judged for each of them. */
  orders: number;
  /** 201 answers whose order is in the orders database with the answered ticket. */
  createdInDb: number;
  /** The buyer's orders with no 201 seen: at most `unanswered`. */
  unannounced: number;
  unanswered: number;
  /** Tickets with more than one active order. */
  sharedTickets: number;
  /** Tickets holding their order at version 1 (created at 0, reserved once). */
  ticketsReserved: number;
  /** Tickets whose order_id or version is not what the orders imply. */
  ticketsWrong: number;
  /** Tickets whose orders-replica version differs from the tickets database. */
  ticketReplicaWrong: number;
  inPaymentsReplica: number;
  /** Delayed BullMQ jobs, one per order (job id from the order id). */
  expiryJobs: number;
  /** Jobs that are not one delayed job per order (other states, unknown ids). */
  otherJobs: number;
  /** order:created rows in the orders outbox (one per order). */
  orderCreatedEvents: number;
  /** ticket:updated rows in the tickets outbox (one per reservation; a repeated effect adds one). */
  ticketUpdatedEvents: number;
  unsentOutbox: number;
  /** (event, subscribing group) pairs not in that group's inbox. */
  unhandled: number;
  /** Messages still in a source or retry queue. */
  queued: number;
  deadLettered: number;
}


interface Order { id: string; ticketId: string }

const count = async (url: string, sql: string, params: unknown[] = []) => (await queryDb<{ n: number }>(url, sql, params))[0].n;

async function orderCounts(stack: InfraStack, run: ReserveRun, orders: Order[]) {
  const ticketOf = new Map(orders.map((order) => [order.id, order.ticketId]));
  const createdInDb = run.reservations.filter((reservation) => ticketOf.get(reservation.orderId) === reservation.ticketId).length;
  return {
    createdInDb,
    unannounced: orders.length - createdInDb,
    sharedTickets: await count(stack.databaseUrls.orders, `SELECT (count(*) - count(DISTINCT (ticket_id, ticket_generation)))::int AS n FROM orders
      WHERE status IN ('created', 'awaiting:payment', 'complete')`),
    inPaymentsReplica: await count(stack.databaseUrls.payments, 'SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[])', [orders.map((order) => order.id)]),
  };
}

async function ticketCounts(stack: InfraStack, run: ReserveRun, orders: Order[]) {
  const holder = new Map(orders.map((order) => [order.ticketId, order.id]));
  type Row = { id: string; order_id?: string | null; version: number };
  const sql = (columns: string) => `SELECT ${columns} FROM tickets WHERE id = ANY($1::uuid[])`;
  const tickets = await queryDb<Row>(stack.databaseUrls.tickets, sql('id, order_id, version'), [run.ticketIds]);
  const replica = new Map((await queryDb<Row>(stack.databaseUrls.orders, sql('id, version'), [run.ticketIds])).map((row) => [row.id, row.version]));
  let ticketsReserved = 0;
  let ticketsWrong = run.ticketIds.length - tickets.length;
  for (const ticket of tickets) {
    const expected = holder.get(ticket.id) ?? null;
    if (ticket.order_id !== expected || ticket.version !== (expected ? 1 : 0)) ticketsWrong++;
    else if (expected) ticketsReserved++;
  }
  const ticketReplicaWrong = tickets.filter((ticket) => replica.get(ticket.id) !== ticket.version).length;
  return { ticketsReserved, ticketsWrong, ticketReplicaWrong };
}

async function expiryCounts(stack: InfraStack, orders: Order[]) {
  const queue = new Queue('expiration', { connection: { url: stack.redisUrl } });
  try {
    const delayed = new Set((await queue.getDelayed(0, -1)).map((job) => job.id));
    const expiryJobs = orders.filter((order) => delayed.has(expiryJobId(order.id))).length;
    const all = Object.values(await queue.getJobCounts()).reduce((sum, n) => sum + n, 0);
    return { expiryJobs, otherJobs: all - expiryJobs };
  } finally {
    await queue.close();
  }
}

async function eventCounts(stack: InfraStack) {
  const rows = (await Promise.all(outboxes.map((service) =>
    queryDb<{ id: string; subject: string; sent: boolean }>(stack.databaseUrls[service], 'SELECT id, subject, sent_at IS NOT NULL AS sent FROM outbox')))).flat();
  const ofSubject = (subjects: string[]) => rows.filter((row) => subjects.includes(row.subject)).map((row) => row.id);
  let unhandled = 0;
  for (const { service, group, subjects } of subscriptions) {
    const ids = ofSubject(subjects);
    unhandled += ids.length - await count(stack.databaseUrls[service],
      'SELECT count(*)::int AS n FROM inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])', [group, ids]);
  }
  return {
    orderCreatedEvents: ofSubject(['order:created']).length,
    ticketUpdatedEvents: ofSubject(['ticket:updated']).length,
    unsentOutbox: rows.filter((row) => !row.sent).length,
    unhandled,
  };
}

async function brokerCounts(stack: InfraStack) {
  // <exchange>.dlq-index holds one marker per queue that has a dead-letter queue: not events.
  const queues = (await queueDepths(stack.busUrl)).filter((queue) => !queue.name.endsWith('.dlq-index'));
  const sum = (dead: boolean) => queues.filter((queue) => queue.name.endsWith('.dlq') === dead).reduce((total, queue) => total + queue.messages, 0);
  return { queued: sum(false), deadLettered: sum(true) };
}

export async function countEffects(stack: InfraStack, run: ReserveRun): Promise<EffectCounts> {
  const orders = await queryDb<Order>(stack.databaseUrls.orders, 'SELECT id, ticket_id AS "ticketId" FROM orders WHERE user_id = ANY($1::uuid[])', [[run.buyerId].flat()]);
  const [ofOrders, tickets, expiry, events, broker] = await Promise.all([
    orderCounts(stack, run, orders), ticketCounts(stack, run, orders), expiryCounts(stack, orders), eventCounts(stack), brokerCounts(stack),
  ]);
  return {
    created: run.reservations.length, distinctCreated: new Set(run.reservations.map((reservation) => reservation.orderId)).size,
    orders: orders.length, unanswered: run.unanswered, ...ofOrders, ...tickets, ...expiry, ...events, ...broker,
  };
}

/** Every 201 is one order in the database, every order has each effect once, nothing is in flight or dead. */
export function effectsHold(counts: EffectCounts): boolean {
  const { created, orders } = counts;
  return counts.distinctCreated === created && counts.createdInDb === created && counts.unannounced <= counts.unanswered
    && counts.sharedTickets === 0 && counts.ticketsReserved === orders && counts.ticketsWrong === 0 && counts.ticketReplicaWrong === 0
    && counts.inPaymentsReplica === orders && counts.expiryJobs === orders && counts.otherJobs === 0
    && counts.orderCreatedEvents === orders && counts.ticketUpdatedEvents === orders
    && counts.unsentOutbox === 0 && counts.unhandled === 0 && counts.queued === 0 && counts.deadLettered === 0;
}

/** Polls until the effects hold or `timeoutMs` passes; the last counts and how long it took. */
export async function awaitEffects(stack: InfraStack, run: ReserveRun, timeoutMs: number): Promise<{ counts: EffectCounts; seconds: number }> {
  const started = Date.now();
  let counts = await countEffects(stack, run);
  while (!effectsHold(counts) && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    counts = await countEffects(stack, run);
  }
  return { counts, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
