import { createRegistry, silentLogger } from '@ticketing/common';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/app';
import { apiRoutes, type ApiRoute } from '../src/routes';

// Issue 17: delivery owns paths below tickets' and orders' resources (a ticket's file, an order's
// ticket and pass) and /api/checkin. The file route takes the seller's file: up to 2 MiB of a PDF,
// an image or a barcode string; every other /api route still takes JSON of up to 64 KiB. Real
// upstream servers stand in for services; each answers its name, the path and the body's size.
async function upstream(name: string): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ bodyLimit: 8 * 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.all('/*', async (request) => ({
    name, url: request.url, method: request.method, contentType: request.headers['content-type'] ?? null,
    size: Buffer.isBuffer(request.body) ? request.body.length : 0,
  }));
  app.get('/openapi.json', async () => ({ openapi: '3.0.3', info: { title: name, version: '1' }, paths: {} }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}

const twoMiB = 2 * 1024 * 1024;
const id = '5f0c6f0e-2c1b-4a3e-9a51-0d3b3f6a1c2d';
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 'x')]);

const routed: Array<[method: string, url: string, service: string]> = [
  ['PUT', `/api/tickets/${id}/file`, 'delivery'],
  ['GET', `/api/tickets/${id}/file`, 'delivery'],
  ['GET', `/api/orders/${id}/ticket`, 'delivery'],
  ['GET', `/api/orders/${id}/pass`, 'delivery'],
  ['GET', `/api/orders/${id}/pass/qr.svg`, 'delivery'],
  ['GET', `/api/orders/${id}/pass/pdf`, 'delivery'],
  ['GET', '/api/checkin/jwks.json', 'delivery'],
  ['GET', '/api/checkin/revocations', 'delivery'],
  ['POST', '/api/checkin/verify', 'delivery'],
  ['GET', `/api/tickets/${id}`, 'tickets'],
  ['POST', `/api/tickets/${id}/resale`, 'tickets'],
  ['GET', '/api/tickets', 'tickets'],
  ['GET', `/api/orders/${id}`, 'orders'],
  ['GET', '/api/orders', 'orders'],
  ['GET', `/api/payouts/orders/${id}`, 'payouts'],
  ['GET', '/api/checkins', 'web-404'],
];

describe.each([
  ['the table as it is', apiRoutes],
  ['the table reversed (delivery before tickets and orders)', [...apiRoutes].reverse()],
])('delivery routes, %s', (_name, routes: readonly ApiRoute[]) => {
  let gateway: Awaited<ReturnType<typeof createGateway>>;
  const upstreams: FastifyInstance[] = [];
  beforeAll(async () => {
    const names = ['auth', 'tickets', 'orders', 'payments', 'catalog', 'payouts', 'delivery', 'web'] as const;
    const started = await Promise.all(names.map((name) => upstream(name)));
    upstreams.push(...started.map((one) => one.app));
    const urls = Object.fromEntries(names.map((name, index) => [name, started[index].url])) as Record<(typeof names)[number], string>;
    gateway = await createGateway({ logger: silentLogger(), registry: createRegistry('gateway', false), upstreams: urls, routes });
    await gateway.ready();
  });
  afterAll(async () => {
    await gateway.close();
    await Promise.all(upstreams.map((app) => app.close()));
  });

  it('routes a ticket\'s file, an order\'s ticket and pass and /api/checkin to delivery, the rest as before', async () => {
    for (const [method, url, service] of routed) {
      const json = method === 'GET' ? {} : { payload: '{}', headers: { 'content-type': 'application/json' } };
      const payload = url.endsWith('/file') && method === 'PUT' ? { payload: pdf(100), headers: { 'content-type': 'application/pdf' } } : json;
      const res = await gateway.inject({ method: method as 'GET', url, ...payload });
      if (service === 'web-404') {
        expect(res.statusCode, url).toBe(404);
        continue;
      }
      expect(res.statusCode, `${method} ${url}`).toBe(200);
      expect(res.json(), `${method} ${url}`).toMatchObject({ name: service, url, method });
    }
  });

  it('keeps the query string of a delivery path', async () => {
    expect((await gateway.inject({ url: `/api/orders/${id}/pass/qr.svg?size=4` })).json()).toMatchObject({ name: 'delivery', url: `/api/orders/${id}/pass/qr.svg?size=4` });
  });

  it('takes a ticket file of 2 MiB, announced or chunked', async () => {
    const base = await listening();
    for (const chunked of [false, true]) {
      const body = pdf(twoMiB);
      const res = await fetch(`${base}/api/tickets/${id}/file`, {
        method: 'PUT', headers: { 'content-type': 'application/pdf' }, duplex: 'half',
        body: chunked ? new Blob([body]).stream() : body,
      } as RequestInit);
      expect(res.status, chunked ? 'chunked' : 'content-length').toBe(200);
      expect(await res.json()).toMatchObject({ name: 'delivery', size: twoMiB, contentType: 'application/pdf' });
    }
  });

  it('a ticket file of 2 MiB + 1 byte is 413 with the error body, announced or chunked', async () => {
    const base = await listening();
    for (const chunked of [false, true]) {
      const body = pdf(twoMiB + 1);
      const res = await fetch(`${base}/api/tickets/${id}/file`, {
        method: 'PUT', headers: { 'content-type': 'application/pdf' }, duplex: 'half',
        body: chunked ? new Blob([body]).stream() : body,
      } as RequestInit);
      expect(res.status, chunked ? 'chunked' : 'content-length').toBe(413);
      expect(await res.json()).toEqual({ errors: [{ message: 'Body is too large' }] });
    }
  });

  it('a JSON body of 2 MiB elsewhere is still 413 (the file route\'s limit is its own)', async () => {
    for (const url of [`/api/tickets/${id}`, `/api/orders/${id}/pass`, '/api/checkin/verify']) {
      const res = await gateway.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: `[${' '.repeat(twoMiB - 2)}]` });
      expect(res.statusCode, url).toBe(413);
    }
  });

  it('takes a PDF, PNG, JPEG or barcode string on the file route only; JSON is still required elsewhere', async () => {
    for (const type of ['application/pdf', 'image/png', 'image/jpeg', 'text/plain; charset=utf-8', 'Application/PDF']) {
      const res = await gateway.inject({ method: 'PUT', url: `/api/tickets/${id}/file`, headers: { 'content-type': type }, payload: pdf(100) });
      expect(res.statusCode, type).toBe(200);
      expect(res.json().name).toBe('delivery');
      expect(res.json().contentType.toLowerCase(), type).toMatch(new RegExp(`^${type.split(';')[0].toLowerCase()}`));
    }
    for (const type of ['application/json', 'image/gif', 'application/octet-stream', 'multipart/form-data; boundary=x']) {
      const res = await gateway.inject({ method: 'PUT', url: `/api/tickets/${id}/file`, headers: { 'content-type': type }, payload: pdf(100) });
      expect(res.statusCode, type).toBe(415);
      expect(res.json()).toEqual({ errors: [{ message: 'Content-Type must be one of application/pdf, image/png, image/jpeg, text/plain' }] });
    }
    for (const url of [`/api/tickets/${id}`, `/api/tickets/${id}/resale`, '/api/tickets', `/api/orders/${id}/pass`, '/api/checkin/verify', '/api/nothing']) {
      const res = await gateway.inject({ method: 'POST', url, headers: { 'content-type': 'application/pdf' }, payload: pdf(100) });
      expect(res.statusCode, url).toBe(415);
      expect(res.json(), url).toEqual({ errors: [{ message: 'Content-Type must be application/json' }] });
    }
  });

  it('lists delivery once in the combined API docs', async () => {
    expect((await gateway.inject({ url: '/docs/specs/delivery.json' })).json().info.title).toBe('delivery');
    const initializer = await gateway.inject({ url: '/docs/static/swagger-initializer.js' });
    expect(initializer.body.match(/specs\/delivery\.json/g)).toHaveLength(1);
  });

  let base: string | undefined;
  async function listening(): Promise<string> {
    base ??= await gateway.listen({ port: 0, host: '127.0.0.1' });
    return base;
  }
});
