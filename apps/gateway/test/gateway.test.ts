import { createRegistry, silentLogger } from '@ticketing/common';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/app';

// Real upstream HTTP servers stand in for services (the gateway only routes), plus one port
// where nothing listens.
async function upstream(name: string): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  app.all('/*', async (request) => ({ name, url: request.url, method: request.method, headers: request.headers, body: request.body ?? null }));
  app.get('/openapi.json', async () => ({ openapi: '3.0.3', info: { title: name, version: '1' }, paths: {} }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}

describe('gateway', () => {
  let gateway: Awaited<ReturnType<typeof createGateway>>;
  const upstreams: FastifyInstance[] = [];
  beforeAll(async () => {
    const [auth, tickets, catalog, payouts, web] = await Promise.all([
      upstream('auth'), upstream('tickets'), upstream('catalog'), upstream('payouts'), upstream('web'),
    ]);
    upstreams.push(auth.app, tickets.app, catalog.app, payouts.app, web.app);
    const down = 'http://127.0.0.1:9'; // discard port: nothing listens
    gateway = await createGateway({
      logger: silentLogger(), registry: createRegistry('gateway', false),
      upstreams: { auth: auth.url, tickets: tickets.url, orders: down, payments: down, catalog: catalog.url, payouts: payouts.url, delivery: down, web: web.url },
    });
    await gateway.ready();
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all(upstreams.map((app) => app.close()));
  });

  it('routes each API prefix to its service with the path, cookies and forwarded headers intact', async () => {
    const res = await gateway.inject({ method: 'POST', url: '/api/users/signin?x=1', headers: { cookie: 'session=abc' }, payload: { email: 'a@b.co' } });
    expect(res.statusCode).toBe(200);
    const seen = res.json();
    expect(seen).toMatchObject({ name: 'auth', url: '/api/users/signin?x=1', method: 'POST', body: { email: 'a@b.co' } });
    expect(seen.headers.cookie).toBe('session=abc');
    expect(seen.headers['x-forwarded-for']).toBeTruthy();
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect((await gateway.inject({ url: '/api/tickets/123' })).json().name).toBe('tickets');
  });

  it('routes /api/events to catalog with the query string intact', async () => {
    const list = await gateway.inject({ url: '/api/events?q=jazz%20paris&city=Paris' });
    expect(list.json()).toMatchObject({ name: 'catalog', url: '/api/events?q=jazz%20paris&city=Paris', method: 'GET' });
    const cancel = await gateway.inject({ method: 'POST', url: '/api/events/abc/cancel', headers: { cookie: 'session=abc' } });
    expect(cancel.json()).toMatchObject({ name: 'catalog', url: '/api/events/abc/cancel', method: 'POST' });
    expect(cancel.json().headers.cookie).toBe('session=abc');
  });

  it('routes /api/payouts to payouts, the Connect webhook included', async () => {
    expect((await gateway.inject({ url: '/api/payouts/orders/abc' })).json()).toMatchObject({ name: 'payouts', url: '/api/payouts/orders/abc' });
    const webhook = await gateway.inject({ method: 'POST', url: '/api/payouts/webhooks/stripe', headers: { 'stripe-signature': 't=1,v1=x' }, payload: { id: 'evt_1' } });
    expect(webhook.json()).toMatchObject({ name: 'payouts', method: 'POST' });
    expect(webhook.json().headers['stripe-signature']).toBe('t=1,v1=x');
  });

  it('a client cannot spoof its address through X-Forwarded-For', async () => {
    const res = await gateway.inject({ url: '/api/users/currentuser', headers: { 'x-forwarded-for': '6.6.6.6' } });
    expect(res.json().headers['x-forwarded-for']).not.toContain('6.6.6.6');
  });

  it('everything else goes to the web client', async () => {
    const res = await gateway.inject({ url: '/tickets/new' });
    expect(res.json()).toMatchObject({ name: 'web', url: '/tickets/new' });
  });

  it('an unknown /api route is 404 with the error body', async () => {
    for (const url of ['/api/unknown', '/api', '/api/userz/x']) {
      const res = await gateway.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toEqual({ errors: [{ message: 'Not found' }] });
    }
  });

  it('a service that is not running is 503 with the error body and Retry-After', async () => {
    // Over a real socket: light-my-request does not model a refused upstream connection with a body.
    const base = await gateway.listen({ port: 0, host: '127.0.0.1' });
    for (const method of ['GET', 'POST']) {
      const res = await fetch(`${base}/api/orders`, { method, ...(method === 'POST' ? { body: '{"ticketId":"x"}', headers: { 'content-type': 'application/json' } } : {}) });
      expect(res.status, method).toBe(503);
      expect(Number(res.headers.get('retry-after')), method).toBeGreaterThan(0);
      expect(await res.json()).toEqual({ errors: [{ message: 'Service unavailable, try again later' }] });
    }
  });

  it('sets security headers on API, web and error responses', async () => {
    for (const url of ['/api/tickets', '/', '/api/unknown']) {
      const res = await gateway.inject({ url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], url).toBeDefined();
    }
  });

  it('publishes combined API docs at /docs', async () => {
    expect((await gateway.inject({ url: '/docs/specs/auth.json' })).json().info.title).toBe('auth');
    expect((await gateway.inject({ url: '/docs/specs/catalog.json' })).json().info.title).toBe('catalog');
    expect((await gateway.inject({ url: '/docs/specs/orders.json' })).statusCode).toBe(503);
    const ui = await gateway.inject({ url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});
