// P8's embedded-mode run: the marketplace as `npm start` runs it (tools/launcher's
// startEmbeddedStack: one process, one PGlite, the in-process bus, expiry timers in the database),
// web client off, in a data directory of its own — plus a small control server on another port
// from which the bench reads how far the effects have got, straight from the PGlite database.
// (The launcher does not hand out its database; PgliteHost.open is wrapped to keep the instance it
// opens.) Env: BENCH_DATA_DIR, BENCH_PORT (the gateway), BENCH_CONTROL_PORT.
// Prints one line `ready {"url": …}` once both listen. Ends on SIGTERM after a clean stop.
import { createServer } from 'node:http';
import { PgliteHost } from '@ticketing/common';
import { startEmbeddedStack } from '../../tools/launcher/src/embedded-stack';
import { prettyLogger } from '../../tools/launcher/src/pretty-logger';
import { subscriptionTable } from '../../packages/common/src/events/subscriptions';

let host: PgliteHost | undefined;
const open = PgliteHost.open.bind(PgliteHost);
PgliteHost.open = async (dataDir?: string) => {
  host = await open(dataDir);
  return host;
};

// Warnings and errors only (the bench keeps the last lines for a failed run).
const logger = prettyLogger('embedded', process.env.BENCH_EMBEDDED_LOG_LEVEL ?? 'warn');

const stack = await startEmbeddedStack({
  dataDir: process.env.BENCH_DATA_DIR!, port: Number(process.env.BENCH_PORT), host: '127.0.0.1', logger,
  env: { ...process.env, LOG_LEVEL: 'warn' }, web: false,
});
if (!host) throw new Error('the embedded stack did not open its database through PgliteHost.open');
const pglite = host.pglite;
const one = async (sql: string) => (await pglite.query<{ n: number }>(sql)).rows[0].n;
const active = "status IN ('created', 'awaiting:payment', 'complete')";

/** The settle counts (settle-watch.ts's SettleCounts); expiries are expiration's timer rows. */
async function counts() {
  return {
    orders: await one(`SELECT count(*)::int AS n FROM orders.orders WHERE ${active}`),
    tickets: await one('SELECT count(*)::int AS n FROM tickets.tickets WHERE order_id IS NOT NULL'),
    payments: await one('SELECT count(*)::int AS n FROM payments.orders'),
    expiries: await one('SELECT count(*)::int AS n FROM expiration.timers'),
  };
}

/** Each effect once per order, judged across the schemas (what settled-effects.ts checks in infra mode). */
async function effects() {
  const schemas = ['tickets', 'orders', 'payments', 'expiration', 'catalog', 'payouts'];
  const outbox = schemas.map((schema) => `SELECT id, subject, sent_at FROM ${schema}.outbox`).join(' UNION ALL ');
  const schemaOf: Record<string, string> = {
    'tickets-service': 'tickets', 'orders-service': 'orders', 'payments-service': 'payments', 'expiration-service': 'expiration',
    'catalog-service': 'catalog', 'payouts-service': 'payouts', 'delivery-service': 'delivery',
  };
  let unhandled = 0;
  for (const { group, subject } of subscriptionTable) {
    const schema = schemaOf[group];
    if (!schema) continue;
    unhandled += await one(`SELECT count(*)::int AS n FROM (${outbox}) e WHERE e.subject = '${subject}'
      AND NOT EXISTS (SELECT 1 FROM ${schema}.inbox i WHERE i.event_id = e.id AND i.consumer_group = '${group}')`);
  }
  return {
    orders: await one(`SELECT count(*)::int AS n FROM orders.orders WHERE ${active}`),
    sharedTickets: await one(`SELECT (count(*) - count(DISTINCT (ticket_id, ticket_generation)))::int AS n FROM orders.orders WHERE ${active}`),
    ticketsWrong: await one(`SELECT count(*)::int AS n FROM tickets.tickets t FULL JOIN (SELECT * FROM orders.orders WHERE ${active}) o ON o.ticket_id = t.id
      WHERE t.order_id IS DISTINCT FROM o.id OR (o.id IS NOT NULL AND t.version <> 1)`),
    ticketReplicaWrong: await one('SELECT count(*)::int AS n FROM tickets.tickets t LEFT JOIN orders.tickets r ON r.id = t.id WHERE r.version IS DISTINCT FROM t.version'),
    paymentsWrong: await one(`SELECT count(*)::int AS n FROM (SELECT id FROM orders.orders WHERE ${active}) o FULL JOIN payments.orders p ON p.id = o.id WHERE o.id IS NULL OR p.id IS NULL`),
    timersWrong: await one(`SELECT count(*)::int AS n FROM (SELECT id FROM orders.orders WHERE ${active}) o FULL JOIN expiration.timers t ON t.order_id = o.id WHERE o.id IS NULL OR t.order_id IS NULL`),
    orderCreatedEvents: await one("SELECT count(*)::int AS n FROM orders.outbox WHERE subject = 'order:created'"),
    ticketUpdatedEvents: await one("SELECT count(*)::int AS n FROM tickets.outbox WHERE subject = 'ticket:updated'"),
    unsentOutbox: await one(`SELECT count(*)::int AS n FROM (${outbox}) e WHERE sent_at IS NULL`),
    unhandled,
  };
}

/** A seller's tickets, oldest first, and how many of them orders' replica knows. */
async function sellerTickets(sellerId: string) {
  const { rows } = await pglite.query<{ id: string; known: boolean }>(
    `SELECT t.id, r.id IS NOT NULL AS known FROM tickets.tickets t LEFT JOIN orders.tickets r ON r.id = t.id
      WHERE t.user_id = $1 ORDER BY t.created_at, t.id`, [sellerId]);
  return { ids: rows.map((row) => row.id), known: rows.filter((row) => row.known).length };
}

const control = createServer((request, response) => {
  const url = request.url ?? '';
  const answer = url === '/counts' ? counts() : url === '/effects' ? effects()
    : url.startsWith('/tickets/') ? sellerTickets(url.slice('/tickets/'.length)) : Promise.reject(new Error('not found'));
  answer.then(
    (body) => { response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)); },
    (error: Error) => { response.writeHead(500).end(error.message); },
  );
});
await new Promise<void>((resolve) => control.listen(Number(process.env.BENCH_CONTROL_PORT), '127.0.0.1', resolve));
process.stdout.write(`ready ${JSON.stringify({ url: `http://127.0.0.1:${process.env.BENCH_PORT}` })}\n`);

process.on('SIGTERM', () => {
  control.close();
  void stack.stop().finally(() => process.exit(0));
});
