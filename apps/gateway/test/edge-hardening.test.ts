import { createRegistry, silentLogger } from '@ticketing/common';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, createMetricsServer } from '../src/app';
import { parseMediaType } from '../src/content-type';

// The edge as an attacker meets it: no metrics on the public port, docs with their own policy, no
// inline script allowed by default, and a malformed Content-Type answered, not crashed on. Real
// upstream servers stand in for services; the web one sets its own per-request policy, as
// apps/web/proxy.ts does.
const webPolicy = "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'";

async function upstream(name: string): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.all('/*', async (request, reply) => {
    if (name === 'web' && request.url === '/with-policy') void reply.header('content-security-policy', webPolicy);
    return { name, url: request.url, contentType: request.headers['content-type'] ?? null };
  });
  app.get('/openapi.json', async () => ({ openapi: '3.0.3', info: { title: name, version: '1' }, paths: {} }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}

describe('the edge', () => {
  let gateway: Awaited<ReturnType<typeof createGateway>>;
  const registry = createRegistry('gateway', false);
  const upstreams: FastifyInstance[] = [];
  const errors: unknown[] = [];
  beforeAll(async () => {
    const [api, web] = await Promise.all([upstream('api'), upstream('web')]);
    upstreams.push(api.app, web.app);
    // A silent logger that keeps what the gateway logs as an error (a 500 logs its stack there).
    const logger = Object.create(silentLogger()) as ReturnType<typeof silentLogger>;
    Object.assign(logger, { error: (...args: unknown[]) => void errors.push(args), child: () => logger });
    gateway = await createGateway({
      logger: logger as never, registry,
      upstreams: { auth: api.url, tickets: api.url, orders: api.url, payments: api.url, catalog: api.url, payouts: api.url, delivery: api.url, web: web.url },
    });
    await gateway.ready();
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all(upstreams.map((app) => app.close()));
  });

  it('does not serve /metrics publicly (nor hand it to the web client); the internal listener does', async () => {
    await gateway.inject({ url: '/api/tickets' });
    for (const method of ['GET', 'POST'] as const) {
      const res = await gateway.inject({ method, url: '/metrics' });
      expect(res.statusCode, method).toBe(404);
      expect(res.json()).toEqual({ errors: [{ message: 'Not found' }] });
    }
    const internal = createMetricsServer(registry);
    const scraped = await internal.inject({ url: '/metrics' });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('http_requests_total');
    await internal.close();
  });

  it('serves the API docs on their own path with their own policy; /api/docs redirects there', async () => {
    const ui = await gateway.inject({ url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
    const policy = ui.headers['content-security-policy'] as string;
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    const old = await gateway.inject({ url: '/api/docs/' });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/docs/');
  });

  it('allows no inline script by default; a web page keeps the per-request policy it sent', async () => {
    for (const url of ['/', '/api/tickets', '/api/nothing', '/healthz']) {
      const policy = (await gateway.inject({ url })).headers['content-security-policy'] as string;
      expect(policy, url).toMatch(/script-src 'self'(;|$)/);
      expect(policy, url).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
    const page = await gateway.inject({ url: '/with-policy' });
    expect(page.headers['content-security-policy']).toBe(webPolicy);
  });

  it('a Content-Type that is no media type is 415 with the error body, not a 500', async () => {
    for (const contentType of ['text/plain; application/json', 'application/json; charset', 'application/json; a=b c', '/json', 'application/json, text/plain']) {
      for (const url of ['/api/users/signin', '/tickets/new']) {
        const res = await gateway.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload: '{"email":"a@b.co"}' });
        expect(res.statusCode, `${contentType} ${url}`).toBe(415);
        expect(res.json().errors[0].message).toMatch(/Content-Type/);
      }
    }
    expect(errors).toEqual([]);
  });

  it('an /api body must be JSON (as every service says); valid media types pass', async () => {
    const xml = await gateway.inject({ method: 'POST', url: '/api/users/signin', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toEqual({ errors: [{ message: 'Content-Type must be application/json' }] });
    for (const contentType of ['application/json', 'Application/JSON; charset=utf-8', 'application/json;', 'application/json; charset="utf-8"']) {
      const res = await gateway.inject({ method: 'POST', url: '/api/users/signin', headers: { 'content-type': contentType }, payload: '{}' });
      expect(res.statusCode, contentType).toBe(200);
      expect(res.json().name).toBe('api');
    }
    const form = await gateway.inject({ method: 'POST', url: '/tickets/new', headers: { 'content-type': 'text/plain;charset=UTF-8' }, payload: '[]' });
    expect(form.json()).toMatchObject({ name: 'web' });
  });

  it('parses media types by RFC 9110', () => {
    expect(parseMediaType('application/json')).toBe('application/json');
    expect(parseMediaType('multipart/form-data; boundary=----x')).toBe('multipart/form-data');
    expect(parseMediaType('text/plain; application/json')).toBeUndefined();
    expect(parseMediaType('application/json; q="a\\"b"')).toBe('application/json');
    expect(parseMediaType('')).toBeUndefined();
  });
});
