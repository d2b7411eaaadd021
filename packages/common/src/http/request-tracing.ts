// A server span around each routed request, child of the caller's `traceparent` when there is one,
// and active while the handler runs, so what it publishes carries the trace. Installed as a
// preHandler hook: the body has been read by then, and the handler runs inside the context.
import { context, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import type { Headers } from '../bus/port';
import { spanFromHeaders } from '../tracing';
import type { AnyFastify } from './create-app';

export function installRequestTracing(app: AnyFastify): void {
  const spans = new WeakMap<FastifyRequest, Span>();
  app.addHook('preHandler', (request, _reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const { span, active } = spanFromHeaders(`${request.method} ${route}`, SpanKind.SERVER, request.headers as Headers,
      { 'http.request.method': request.method, 'http.route': route });
    spans.set(request, span);
    context.with(active, done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const span = spans.get(request);
    if (!span) return;
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}
