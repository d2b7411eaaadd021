// The baselines of P1 and P2 (quality.md): a bare Fastify process with the services' PostgreSQL
// adapter (the same pool size and prepared statements), doing only the database work the service
// does for the request.
//   BASELINE=browse  GET /api/tickets — the tickets service's list query (listAvailable) on its database.
//   BASELINE=reserve POST /api/orders — one order INSERT + one outbox INSERT in a transaction, into
//                    copies of the orders and outbox tables (their indexes included) that no relay reads.
// Env: PORT, DATABASE_URL, BASELINE.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { createPostgresDb } from '../../packages/common/src/db/postgres';
import { listAvailable } from '../../services/tickets/src/db/tickets.repository';

const db = createPostgresDb({ url: process.env.DATABASE_URL!, poolSize: 10 });
const app = Fastify({ logger: false });

const createReserveTables = `
  CREATE TABLE IF NOT EXISTS baseline_orders (
    id uuid PRIMARY KEY, user_id uuid NOT NULL, ticket_id uuid NOT NULL,
    status text NOT NULL CHECK (status IN ('created', 'cancelled', 'awaiting:payment', 'complete')),
    expires_at timestamptz NOT NULL, version int4 NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now());
  CREATE UNIQUE INDEX IF NOT EXISTS baseline_orders_one_reservation ON baseline_orders (ticket_id)
    WHERE status IN ('created', 'awaiting:payment', 'complete');
  CREATE INDEX IF NOT EXISTS baseline_orders_by_user ON baseline_orders (user_id, created_at, id);
  CREATE TABLE IF NOT EXISTS baseline_outbox (
    seq bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, subject text NOT NULL, envelope jsonb NOT NULL,
    headers jsonb NOT NULL DEFAULT '{}'::jsonb, created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz);
  CREATE INDEX IF NOT EXISTS baseline_outbox_pending ON baseline_outbox (seq) WHERE sent_at IS NULL`;

if (process.env.BASELINE === 'browse') {
  app.get('/api/tickets', async () => {
    const listed = await listAvailable(db, { limit: 51 });
    return listed.slice(0, 50).map(({ sortKey: _sortKey, ...ticket }) => ticket);
  });
} else if (process.env.BASELINE === 'reserve') {
  await db.query(createReserveTables);
  app.post<{ Body: { ticketId: string } }>('/api/orders', async (request, reply) => {
    const order = await db.transaction(async (tx) => {
      const [inserted] = await tx.query(
        `INSERT INTO baseline_orders (id, user_id, ticket_id, status, expires_at) VALUES ($1, $2, $3, 'created', now() + interval '15 minutes')
         ON CONFLICT (ticket_id) WHERE status IN ('created', 'awaiting:payment', 'complete') DO NOTHING RETURNING *`,
        [randomUUID(), randomUUID(), request.body.ticketId],
      );
      const envelope = { id: randomUUID(), subject: 'order:created', data: inserted };
      await tx.query('INSERT INTO baseline_outbox (id, subject, envelope, headers) VALUES ($1, $2, $3, $4)',
        [envelope.id, envelope.subject, JSON.stringify(envelope), '{}']);
      return inserted;
    });
    return reply.code(201).send(order);
  });
} else {
  throw new Error('BASELINE must be browse or reserve');
}

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('baseline listening\n');
const stop = async () => { await app.close(); await db.close(); process.exit(0); };
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
