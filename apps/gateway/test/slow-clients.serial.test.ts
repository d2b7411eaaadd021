import { createHttpApp, createRegistry, openEdgeServer, silentLogger, type EdgeServer, type HttpApp } from '@ticketing/common';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/app';

// R11: a client that trickles its headers or its body, 1 byte every 5 s, is cut off within 35 s by
// every server we run: a service (the kernel's app factory), the gateway, and the edge server
// that holds the public port while the marketplace starts. About 35 s; serial so nothing else
// competes for the timers it measures.
const byteEveryMs = 5_000;
const closedWithinMs = 35_000;

/** Sends `head` at once, then `trickle` one byte at a time; resolves with the ms until the server closed the connection. */
function trickle(port: number, head: string, trickled: string): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < trickled.length && !socket.destroyed) socket.write(trickled[sent++]);
    }, byteEveryMs);
    const giveUp = setTimeout(() => socket.destroy(), closedWithinMs + 20_000);
    socket.on('error', () => undefined);
    // Read what the server sends (its 408), or its closing the connection would go unnoticed.
    socket.resume();
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve(Date.now() - started);
    });
    socket.write(head);
  });
}

const slowHeaders = ['GET /api/tickets HTTP/1.1\r\nHost: x\r\n', `X-Slow: ${'a'.repeat(100)}\r\n\r\n`] as const;
const slowBody = ['POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n', `[${' '.repeat(98)}]`] as const;

describe('slow clients are cut off', () => {
  let service: HttpApp;
  let gateway: Awaited<ReturnType<typeof createGateway>>;
  let edge: EdgeServer;
  const ports: Record<string, number> = {};
  beforeAll(async () => {
    service = await createHttpApp({ name: 'tickets', logger: silentLogger(), registry: createRegistry('tickets', false), readiness: async () => undefined });
    service.get('/api/tickets', async () => []);
    service.post('/api/tickets', async () => ({ ok: true }));
    const serviceUrl = await service.listen({ port: 0, host: '127.0.0.1' });
    gateway = await createGateway({
      logger: silentLogger(), registry: createRegistry('gateway', false),
      upstreams: { auth: serviceUrl, tickets: serviceUrl, orders: serviceUrl, payments: serviceUrl, catalog: serviceUrl, payouts: serviceUrl, delivery: serviceUrl, web: serviceUrl },
    });
    const gatewayUrl = await gateway.listen({ port: 0, host: '127.0.0.1' });
    edge = await openEdgeServer({ port: 0, host: '127.0.0.1' });
    Object.assign(ports, { service: Number(new URL(serviceUrl).port), gateway: Number(new URL(gatewayUrl).port), 'starting edge': edge.port });
  });
  afterAll(async () => {
    await gateway?.close();
    await service?.close();
    await edge?.close(0);
  });

  it('headers or a body trickled 1 byte / 5 s, or a connection that says nothing: closed within 35 s', async () => {
    const cases = Object.entries(ports).flatMap(([server, port]) => [
      { what: `${server}: trickled headers`, closed: trickle(port, ...slowHeaders) },
      { what: `${server}: trickled body`, closed: trickle(port, ...slowBody) },
      { what: `${server}: silent connection`, closed: trickle(port, '', '') },
    ]);
    const results = await Promise.all(cases.map(async ({ what, closed }) => ({ what, ms: await closed })));
    for (const { what, ms } of results) expect(ms, what).toBeLessThan(closedWithinMs);
  }, closedWithinMs + 30_000);
});
