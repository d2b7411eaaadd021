// W3C trace context across messages. Exporting spans is configured by the process (OTLP) later;
// propagation works without it: the incoming trace id stays active around a handler.
import { context, propagation, trace, SpanKind, type Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Headers } from './bus/port';

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

/** Runs fn inside a consumer span whose parent is the message's trace context. */
export async function withMessageSpan<T>(name: string, headers: Headers, fn: () => Promise<T>): Promise<T> {
  const parent = contextFromHeaders(headers);
  const span = trace.getTracer('ticketing').startSpan(name, { kind: SpanKind.CONSUMER }, parent);
  // A non-recording span (no SDK registered) would hide the remote parent: keep the parent then.
  const active = span.isRecording() ? trace.setSpan(parent, span) : parent;
  try {
    return await context.with(active, fn);
  } finally {
    span.end();
  }
}

export function activeTraceId(): string | undefined {
  return trace.getSpanContext(context.active())?.traceId;
}
