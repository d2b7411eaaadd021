// The expiration service: schedules each order's expiry when it is created and publishes
// expiration:complete when the time is up. HTTP serves only /healthz, /readyz and /metrics.
import { createRegistry, createService, type Service, type ServiceDeps } from '@ticketing/common';
import { Histogram } from 'prom-client';
import type { ExpirationConfig } from './config';
import { orderCreated } from './consumers/order-created.consumer';
import { migrationsDir } from './db/migrations-dir';
import { expireOrder } from './domain/expire-order';
import type { ExpiryScheduler } from './scheduler/scheduler.port';

// The scheduler is built from config by the process (createScheduler) or by the launcher / a test.
export type ExpirationServiceDeps = ServiceDeps & { config: Partial<ExpirationConfig>; scheduler: ExpiryScheduler };

export function createExpirationService(deps: ExpirationServiceDeps): Promise<Service> {
  const { scheduler } = deps;
  const registry = deps.registry ?? createRegistry('expiration');
  // Seconds from an order's expiry time to its expiration:complete being written (alert: p99 > 5 s).
  const lateness = (registry.getSingleMetric('expiration_lateness_seconds') as Histogram | undefined) ?? new Histogram({
    name: 'expiration_lateness_seconds', help: 'How long after its expiry time an order\'s expiration was recorded',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300], registers: [registry],
  });
  return createService({
    name: 'expiration',
    group: 'expiration-service',
    migrationsDir,
    consumers: [orderCreated(scheduler)],
    onStart: () => scheduler.start(expireOrder(deps.db, lateness)),
    onStop: () => scheduler.stop(),
  }, { ...deps, registry });
}
