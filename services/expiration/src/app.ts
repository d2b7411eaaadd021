// The expiration service: schedules each order's expiry when it is created and publishes
// expiration:complete when the time is up. HTTP serves only /healthz, /readyz and /metrics.
import { createService, type Service, type ServiceDeps } from '@ticketing/common';
import type { ExpirationConfig } from './config';
import { orderCreated } from './consumers/order-created.consumer';
import { migrationsDir } from './db/migrations-dir';
import { expireOrder } from './domain/expire-order';
import type { ExpiryScheduler } from './scheduler/scheduler.port';

// The scheduler is built from config by the process (createScheduler) or by the launcher / a test.
export type ExpirationServiceDeps = ServiceDeps & { config: Partial<ExpirationConfig>; scheduler: ExpiryScheduler };

export function createExpirationService(deps: ExpirationServiceDeps): Promise<Service> {
  const { scheduler } = deps;
  return createService({
    name: 'expiration',
    group: 'expiration-service',
    migrationsDir,
    consumers: [orderCreated(scheduler)],
    onStart: () => scheduler.start(expireOrder(deps.db)),
    onStop: () => scheduler.stop(),
  }, deps);
}
