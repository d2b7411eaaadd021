import { createHttpApp, createRegistry, silentLogger, type HttpApp } from '@ticketing/common';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/app';

// R11: bodies over the limit are answered 413 by the gateway itself, before anything reaches a
// service, whether the size is announced (Content-Length) or only known while streaming (chunked).
// The upstream is a real service app (the kernel's factory, 64 KiB JSON limit), as in production.
const twoMegabytes = 2 * 1024 * 1024;
const tooLarge = { errors: [{ message: 'Body is too large' }] };

/** A valid JSON document of exactly `size` bytes: an empty array padded with spaces. */
function jsonOfSize(size: number): Buffer {
  const body = Buffer.alloc(size, ' ');
  body[0] = '['.charCodeAt(0);
  body[size - 1] = ']'.charCodeAt(0);
  return body;
}

interface Answer { status: number; headers: IncomingHttpHeaders; body: unknown; ms: number }

/** One POST over its own connection; `chunked` streams the body without a Content-Length. */
function post(base: string, path: string, size: number, chunked: boolean): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, {
      method: 'POST', agent: false,
      headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': String(size) }) },
    }, (res) => {
      let text = '';
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : undefined, ms: Date.now() - started }));
    });
    // The server may answer and close before the whole body is written: that is not a failure here.
    req.on('error', (error) => (req.writableEnded ? undefined : reject(error)));
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer within 10 s (${chunked ? 'chunked' : 'content-length'})`)));
    const body = jsonOfSize(size);
    let written = 0;
    const writeMore = () => {
      while (written < size) {
        const piece = body.subarray(written, written + 64 * 1024);
        written += piece.length;
        if (!req.write(piece)) return void req.once('drain', writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

describe('gateway body limit', () => {
  let gateway: Awaited<ReturnType<typeof createGateway>>;
  let tickets: HttpApp;
  let base: string;
  const received: number[] = [];
  beforeAll(async () => {
    tickets = await createHttpApp({ name: 'tickets', logger: silentLogger(), registry: createRegistry('tickets', false), readiness: async () => undefined });
    tickets.post('/api/tickets', async (request, reply) => {
      received.push(JSON.stringify(request.body).length);
      return reply.code(201).send({ ok: true });
    });
    tickets.get('/api/tickets', async () => []);
    const ticketsUrl = await tickets.listen({ port: 0, host: '127.0.0.1' });
    const down = 'http://127.0.0.1:9';
    gateway = await createGateway({
      logger: silentLogger(), registry: createRegistry('gateway', false),
      upstreams: { auth: down, tickets: ticketsUrl, orders: down, payments: down, catalog: down, payouts: down, delivery: down, web: down },
    });
    base = await gateway.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await gateway?.close();
    await tickets?.close();
  });

  for (const chunked of [false, true]) {
    it(`30 concurrent bodies of 2 MB (${chunked ? 'chunked' : 'Content-Length'}) are all 413 with the error body, quickly`, async () => {
      const before = received.length;
      const answers = await Promise.all(Array.from({ length: 30 }, () => post(base, '/api/tickets', twoMegabytes, chunked)));
      for (const answer of answers) {
        expect(answer.status).toBe(413);
        expect(answer.body).toEqual(tooLarge);
        expect(answer.ms).toBeLessThan(5000);
      }
      expect(received.length, 'nothing reached the service').toBe(before);
    });
  }

  it('a body within the limit still reaches the service, announced or chunked', async () => {
    for (const chunked of [false, true]) {
      const answer = await post(base, '/api/tickets', 60 * 1024, chunked);
      expect(answer.status, chunked ? 'chunked' : 'content-length').toBe(201);
    }
  });

  it('after a 413 the connection either serves the next request or is closed cleanly', async () => {
    for (const chunked of [false, true]) {
      const socket = connect(Number(new URL(base).port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => { text += chunk; });
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.on('error', () => undefined);
      const body = jsonOfSize(twoMegabytes);
      const head = chunked
        ? 'POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'
        : `POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
      socket.write(head);
      socket.write(chunked ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) : body);
      socket.write('GET /api/tickets HTTP/1.1\r\nHost: x\r\n\r\n');
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && !(text.match(/HTTP\/1\.1 /g)?.length === 2) && !socket.closed) await new Promise((resolve) => setTimeout(resolve, 20));
      const [first, second] = text.split(/(?=HTTP\/1\.1 )/);
      expect(first, chunked ? 'chunked' : 'content-length').toMatch(/^HTTP\/1\.1 413 /);
      expect(first).toContain(JSON.stringify(tooLarge));
      if (second) expect(second).toMatch(/^HTTP\/1\.1 200 /);
      else {
        expect(first.toLowerCase()).toContain('connection: close');
        await closed;
      }
      socket.destroy();
    }
  });
});
