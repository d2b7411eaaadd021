import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BadRequest, createHttpApp, createRegistry, silentLogger, type HttpApp } from '../src/index';

// The error format of api.md holds for every kind of bad request, and our faults never leak.
describe('HTTP error format', () => {
  let app: HttpApp;
  let ready = true;
  beforeAll(async () => {
    app = await createHttpApp({
      name: 'test', logger: silentLogger(), registry: createRegistry('test', false),
      readiness: async () => { if (!ready) throw new Error('database down'); },
    });
    app.post('/things', { schema: { body: z.object({ title: z.string().trim().min(1), price: z.number().positive() }) } },
      async (request, reply) => reply.code(201).send(request.body));
    app.get('/rule', async () => { throw new BadRequest('Ticket is already reserved'); });
    app.get('/crash', async () => { throw new Error('SELECT secret FROM users -- boom'); });
    await app.ready();
  });
  afterAll(() => app.close());

  it('validation errors name each failing field', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: { title: ' ', price: -1 } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['price', 'title']);
  });

  it('a missing field is reported by name', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: { title: 'x' } });
    expect(res.json()).toEqual({ errors: [{ message: 'price is required', field: 'price' }] });
  });

  it('malformed JSON is a 400 with the error body', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json' }, payload: '{"title":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toMatch(/JSON/);
  });

  it('a body that is not JSON is 415', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(res.statusCode).toBe(415);
    expect(res.json().errors).toHaveLength(1);
  });

  it('a body over 64 KiB is 413', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: { title: 'x'.repeat(70 * 1024), price: 1 } });
    expect(res.statusCode).toBe(413);
    expect(res.json().errors[0].message).toBe('Body is too large');
  });

  it('an unknown route is 404 with the error body', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ errors: [{ message: 'Not found' }] });
  });

  it('a business rule is a 400 with its message', async () => {
    const res = await app.inject({ method: 'GET', url: '/rule' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errors: [{ message: 'Ticket is already reserved' }] });
  });

  it('our own fault is 500 "Something went wrong" with no internals', async () => {
    const res = await app.inject({ method: 'GET', url: '/crash' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/SELECT|boom|stack/);
    expect(res.json()).toEqual({ errors: [{ message: 'Something went wrong' }] });
  });

  it('health, readiness and metrics are served', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    ready = false;
    const notReady = await app.inject({ url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    ready = true;
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('http_requests_total');
    const openapi = await app.inject({ url: '/openapi.json' });
    expect(openapi.json().paths['/things']).toBeDefined();
  });
});
