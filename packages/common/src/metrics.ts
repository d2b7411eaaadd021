// Prometheus metrics. Each service owns one Registry (so several services can share a process in
// embedded mode); the kernel's parts register their metrics on the registry they are given.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { WaitTracker } from './bus/waits';

export { Registry };

export function createRegistry(service: string, withProcessMetrics = true): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (withProcessMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

function counter(registry: Registry, name: string, help: string, labelNames: string[]) {
  const existing = registry.getSingleMetric(name);
  return (existing as Counter<string>) ?? new Counter({ name, help, labelNames, registers: [registry] });
}

export class BusMetrics {
  readonly published: Counter<string>;
  readonly consumed: Counter<string>;
  readonly retried: Counter<string>;
  readonly waited: Counter<string>;
  readonly deadLettered: Counter<string>;
  readonly waits = new WaitTracker();

  constructor(registry: Registry) {
    this.published = counter(registry, 'bus_published_total', 'Events published to the broker', ['subject']);
    this.consumed = counter(registry, 'bus_consumed_total', 'Events handled successfully', ['group', 'subject']);
    this.retried = counter(registry, 'bus_retried_total', 'Deliveries that failed unexpectedly and were scheduled again', ['group', 'subject']);
    this.waited = counter(registry, 'bus_waited_total', 'Deliveries whose handler could not act yet (waiting, not failing)', ['group', 'subject']);
    this.deadLettered = counter(registry, 'bus_dead_lettered_total', 'Events sent to dead letters', ['group', 'subject']);
    const waits = this.waits;
    if (!registry.getSingleMetric('bus_oldest_wait_seconds')) {
      new Gauge({
        name: 'bus_oldest_wait_seconds', help: 'Age of the oldest message still waiting, per consumer group and subject',
        labelNames: ['group', 'subject'], registers: [registry],
        collect() {
          this.reset();
          for (const { group, subject, seconds } of waits.oldest()) this.set({ group, subject }, seconds);
        },
      });
    }
  }
}

export function httpMetrics(registry: Registry) {
  return {
    requests: counter(registry, 'http_requests_total', 'HTTP requests', ['method', 'route', 'status']),
    duration: new Histogram({
      name: 'http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
    }),
  };
}

export function outboxGauges(registry: Registry, collect: () => Promise<{ backlog: number; oldestAgeSeconds: number }>) {
  let last: Promise<{ backlog: number; oldestAgeSeconds: number }> | undefined;
  const read = () => (last ??= collect().finally(() => { setTimeout(() => { last = undefined; }, 0); }));
  new Gauge({
    name: 'outbox_backlog', help: 'Outbox rows not yet sent', registers: [registry],
    async collect() { this.set((await read().catch(() => ({ backlog: -1, oldestAgeSeconds: -1 }))).backlog); },
  });
  new Gauge({
    name: 'outbox_oldest_age_seconds', help: 'Age of the oldest unsent outbox row', registers: [registry],
    async collect() { this.set((await read().catch(() => ({ backlog: -1, oldestAgeSeconds: -1 }))).oldestAgeSeconds); },
  });
}
