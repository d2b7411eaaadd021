// The reservation flow across real processes: tickets and orders each run their own main.ts with
// their own database, talking over RabbitMQ's `ticketing` exchange (serial: the exchange is shared),
// with sessions checked against a local JWKS endpoint.
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSessions, waitFor, type TestSessions } from '@ticketing/common/testing/index';
import { startServiceProcess, type ServiceProcess } from './support/service-process';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const POSTGRES = process.env.FLOW_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const RABBIT_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

describe('reservation flow across the tickets and orders processes', () => {
  const prefix = `flow_${crypto.randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const databases = [`${prefix}_tickets`, `${prefix}_orders`];
  let sessions: TestSessions;
  let jwksServer: Server;
  const processes: ServiceProcess[] = [];
  let tickets: ServiceProcess;
  let orders: ServiceProcess;

  beforeAll(async () => {
    sessions = await createTestSessions();
    jwksServer = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sessions.jwks));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as { port: number }).port}/api/users/.well-known/jwks.json`;
    const common = { BUS_URL: RABBIT_URL, AUTH_JWKS_URL: jwksUrl };
    [tickets, orders] = await Promise.all([
      startServiceProcess({ name: 'tickets', entry: 'services/tickets/src/main.ts', cwd: repoRoot, env: { ...common, DATABASE_URL: `${POSTGRES}/${databases[0]}` } }),
      startServiceProcess({ name: 'orders', entry: 'services/orders/src/main.ts', cwd: repoRoot, env: { ...common, DATABASE_URL: `${POSTGRES}/${databases[1]}` } }),
    ].map(async (starting) => { const started = await starting; processes.push(started); return started; }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((child) => child.stop()));
    await new Promise<void>((resolve) => (jwksServer ? jwksServer.close(() => resolve()) : resolve()));
    const admin = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
    await admin.connect();
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }, 60_000);

  const call = async (service: ServiceProcess, method: string, path: string, options: { cookie?: string; body?: unknown } = {}) => {
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.body ? { 'content-type': 'application/json' } : {}) },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  /** The ticket as its seller sees it (only the owner is shown the holding orderId; others see reserved). */
  const showTicket = async (id: string, cookie: string) => (await call(tickets, 'GET', `/api/tickets/${id}`, { cookie })).body;
  const listedIds = async () => ((await call(tickets, 'GET', '/api/tickets?limit=100')).body as Array<{ id: string }>).map((ticket) => ticket.id);
  /** Orders once the orders replica knows the ticket (404 until ticket:created arrives). */
  const orderWhenKnown = (ticketId: string, cookie: string) =>
    waitFor(async () => {
      const response = await call(orders, 'POST', '/api/orders', { cookie, body: { ticketId } });
      return response.status === 404 ? undefined : response;
    }, { timeoutMs: 20_000, what: 'the orders replica to know the ticket' });

  it('create → order → reserved and unlisted → cancel → listed again → another user orders it', async () => {
    const seller = await sessions.newUser();
    const firstBuyer = await sessions.newUser();
    const secondBuyer = await sessions.newUser();

    const created = await call(tickets, 'POST', '/api/tickets', { cookie: seller.cookie, body: { title: 'Flow concert', price: '35.50' } });
    expect(created.status).toBe(201);
    const ticketId = created.body.id as string;
    expect(await listedIds()).toContain(ticketId);

    const firstOrder = await orderWhenKnown(ticketId, firstBuyer.cookie);
    expect(firstOrder.status, JSON.stringify(firstOrder.body)).toBe(201);
    expect(firstOrder.body).toMatchObject({ status: 'created', ticket: { id: ticketId, title: 'Flow concert', price: 35.5 } });

    await waitFor(async () => (await showTicket(ticketId, seller.cookie)).orderId === firstOrder.body.id, { timeoutMs: 20_000, what: 'ticket reserved' });
    expect(await showTicket(ticketId, seller.cookie)).toMatchObject({ version: 1, orderId: firstOrder.body.id });
    expect(await listedIds()).not.toContain(ticketId);

    const cancelled = await call(orders, 'DELETE', `/api/orders/${firstOrder.body.id}`, { cookie: firstBuyer.cookie });
    expect(cancelled.status).toBe(204);
    await waitFor(async () => (await showTicket(ticketId, seller.cookie)).version === 2, { timeoutMs: 20_000, what: 'ticket released' });
    expect((await showTicket(ticketId, seller.cookie)).orderId).toBeUndefined();
    expect(await listedIds()).toContain(ticketId);

    const secondOrder = await call(orders, 'POST', '/api/orders', { cookie: secondBuyer.cookie, body: { ticketId } });
    expect(secondOrder.status, JSON.stringify(secondOrder.body)).toBe(201);
    await waitFor(async () => (await showTicket(ticketId, seller.cookie)).orderId === secondOrder.body.id, { timeoutMs: 20_000, what: 'ticket reserved again' });
    expect(await listedIds()).not.toContain(ticketId);

    // The orders replica followed every ticket:updated (reserve, release, reserve) in order; the
    // second order recorded the version it saw (the release, 2) and keeps it.
    const replicaVersion = async () => {
      const client = new pg.Client({ connectionString: `${POSTGRES}/${databases[1]}` });
      await client.connect();
      try {
        return (await client.query('SELECT version FROM tickets WHERE id = $1', [ticketId])).rows[0]?.version;
      } finally {
        await client.end();
      }
    };
    await waitFor(async () => (await replicaVersion()) === 3, { timeoutMs: 20_000, what: 'orders replica at version 3' });
    const shown = await call(orders, 'GET', `/api/orders/${secondOrder.body.id}`, { cookie: secondBuyer.cookie });
    expect(shown.body.ticket.version).toBe(secondOrder.body.ticket.version);
  });
});
