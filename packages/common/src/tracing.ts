// W3C trace context across requests and messages. A request's `traceparent` (or, when spans are
// exported, a new trace) is active in its handler, travels with every event it publishes (outbox
// row, then message headers) and is active again around each consumer. Spans are exported over
// OTLP/HTTP when the process sets OTEL_EXPORTER_OTLP_ENDPOINT; propagation works without it.
import { context, isSpanContextValid, propagation, trace, SpanKind, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Headers } from './bus/port';

const tracer = () => trace.getTracer('ticketing');

let installed = false;
export function installPropagator(): void {
  if (installed) return;
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // Without a context manager context.with() is a no-op; an SDK started earlier keeps its own.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  installed = true;
}
installPropagator();

/** The current trace context as message headers (written into the outbox row). */
export function currentTraceHeaders(): Headers {
  const headers: Headers = {};
  propagation.inject(context.active(), headers);
  return headers;
}

export function contextFromHeaders(headers: Headers): Context {
  return propagation.extract(context.active(), headers);
}

/**
 * Starts a span whose parent is the trace context in `headers` (a request's or a message's), and
 * the context to run its work in.
 */
export function spanFromHeaders(name: string, kind: SpanKind, headers: Headers, attributes?: Attributes): { span: Span; active: Context } {
  const parent = contextFromHeaders(headers);
  const span = tracer().startSpan(name, { kind, attributes }, parent);
  // A non-recording span (no SDK registered) would hide the remote parent: keep the parent then.
  return { span, active: span.isRecording() ? trace.setSpan(parent, span) : parent };
}

/** Runs fn inside a consumer span whose parent is the message's trace context. */
export async function withMessageSpan<T>(name: string, headers: Headers, fn: () => Promise<T>): Promise<T> {
  const { span, active } = spanFromHeaders(name, SpanKind.CONSUMER, headers);
  try {
    return await context.with(active, fn);
  } finally {
    span.end();
  }
}

export function activeTraceId(): string | undefined {
  const spanContext = trace.getSpanContext(context.active());
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/**
 * Sends this process's spans to an OTLP/HTTP collector (`<endpoint>/v1/traces`, JSON), batched.
 * Returns the stop function: it flushes what is pending.
 */
export function startTraceExport(options: { serviceName: string; endpoint: string }): () => Promise<void> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` }))],
  });
  trace.setGlobalTracerProvider(provider);
  return async () => {
    await provider.shutdown();
    trace.disable();
  };
}
