// Traces, end to end inside one service: a request's span, the event it publishes (outbox, bus) and
// the consumer that handles it share one trace, and the spans reach an OTLP/HTTP collector (here a
// local HTTP server that keeps what it receives).
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBus } from '../src/bus/in-process';
import { consumer } from '../src/messaging/consumer';
import { createService, type Service } from '../src/service';
import { silentLogger } from '../src/logger';
import { activeTraceId, startTraceExport } from '../src/tracing';
import { openTestPglite, waitFor, type TestDb } from '../src/testing/index';

interface ExportedSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; serviceName: string }

/** A collector that flattens every OTLP/JSON export request into spans. */
async function startCollector(): Promise<{ url: string; spans: ExportedSpan[]; server: Server }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString());
      for (const resourceSpans of body.resourceSpans ?? []) {
        const serviceName = resourceSpans.resource.attributes.find((attribute: { key: string }) => attribute.key === 'service.name')?.value.stringValue;
        for (const scope of resourceSpans.scopeSpans) for (const span of scope.spans) spans.push({ ...span, serviceName });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, spans, server };
}

describe('trace export (OTLP/HTTP)', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let stopExport: () => Promise<void>;
  let db: TestDb;
  let service: Service;
  const bus = createInProcessBus();
  const handled: Array<{ title: string; traceId?: string }> = [];

  beforeAll(async () => {
    collector = await startCollector();
    stopExport = startTraceExport({ serviceName: 'tracing-test', endpoint: collector.url });
    db = await openTestPglite('tracing');
    service = await createService({
      name: 'tracing-test', group: 'tracing-test', migrationsDir: mkdtempSync(join(tmpdir(), 'no-migrations-')),
      consumers: [consumer({
        subject: 'ticket:created',
        async handle({ data }) { handled.push({ title: data.title, traceId: activeTraceId() }); },
      })],
      routes(app) {
        app.post('/things', async (request, reply) => {
          const title = (request.body as { title: string }).title;
          await db.db.transaction((tx) => tx.publish('ticket:created', { id: randomUUID(), version: 0, title, price: 10, userId: randomUUID() }));
          return reply.code(201).send({ traceId: activeTraceId() });
        });
      },
    }, { db: db.db, bus, logger: silentLogger(), verifySession: async () => null });
    await service.start();
  });

  afterAll(async () => {
    await service?.stop();
    await bus.close();
    await db?.close();
    await stopExport?.();
    collector?.server.close();
  });

  it("continues the caller's trace through the outbox and the bus to the consumer, and exports the spans", async () => {
    const traceId = randomUUID().replaceAll('-', '');
    const callerSpan = 'a1b2c3d4e5f60718';
    const response = await service.http.inject({
      method: 'POST', url: '/things', payload: { title: 'traced' }, headers: { traceparent: `00-${traceId}-${callerSpan}-01` },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().traceId).toBe(traceId);
    await waitFor(() => handled.some((entry) => entry.title === 'traced'), { what: 'the event to be handled' });
    expect(handled.find((entry) => entry.title === 'traced')?.traceId).toBe(traceId);

    await waitFor(() => collector.spans.filter((span) => span.traceId === traceId).length >= 2, { timeoutMs: 15_000, what: 'both spans exported' });
    const server = collector.spans.find((span) => span.traceId === traceId && span.name === 'POST /things')!;
    const consumed = collector.spans.find((span) => span.traceId === traceId && span.name === 'tracing-test ticket:created')!;
    expect(server).toMatchObject({ parentSpanId: callerSpan, serviceName: 'tracing-test' });
    expect(consumed.parentSpanId).toBe(server.spanId);
  });

  it('starts a trace when the caller sends none', async () => {
    const response = await service.http.inject({ method: 'POST', url: '/things', payload: { title: 'untraced' } });
    const traceId = response.json().traceId as string;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    await waitFor(() => handled.some((entry) => entry.title === 'untraced'), { what: 'the event to be handled' });
    expect(handled.find((entry) => entry.title === 'untraced')?.traceId).toBe(traceId);
  });
});
