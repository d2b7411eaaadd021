// A server span around each routed request, child of the caller's `traceparent` when there is one,
// and active while the handler runs, so what it publishes carries the trace. Installed as a
// preHandler hook: the body has been read by then, and the handler runs inside the context.
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import type { Headers } from '../bus/port';
import { contextFromHeaders, tracer } from '../tracing';
import type { AnyFastify } from './create-app';

export function installRequestTracing(app: AnyFastify): void {
  const spans = new WeakMap<FastifyRequest, Span>();
  app.addHook('preHandler', (request, _reply, done) => {
    const parent = contextFromHeaders(request.headers as Headers);
    const route = request.routeOptions.url ?? 'unmatched';
    const span = tracer().startSpan(`${request.method} ${route}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': request.method, 'http.route': route },
    }, parent);
    spans.set(request, span);
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const span = spans.get(request);
    if (!span) return;
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}
