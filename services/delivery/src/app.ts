// createDeliveryService: what a paid order hands its buyer (docs/ticket-delivery.md) — the seller's
// ticket file, kept encrypted, and a pass the platform signs, revoked when the ticket is resold or
// refunded and admitted once at the door.
import { createService, type Service, type ServiceDeps } from '@ticketing/common';
import { fileURLToPath } from 'node:url';
import type { DeliveryConfig } from './config';
import type { DeliveryKeys } from './keys/delivery-keys';

export interface DeliveryServiceDeps extends ServiceDeps {
  config: Partial<DeliveryConfig>;
  /** The files' keyring and the pass signing key (resolveDeliveryKeys from config, or loadOrCreateDeliveryKeys(dataDir)). */
  keys: DeliveryKeys;
  /** The current time (tests may move it); defaults to the system clock. */
  now?: () => Date;
}

export function createDeliveryService(deps: DeliveryServiceDeps): Promise<Service> {
  return createService({
    name: 'delivery',
    group: 'delivery-service',
    migrationsDir: fileURLToPath(new URL('./db/migrations', import.meta.url)),
    consumers: [],
    routes: () => undefined,
  }, deps);
}
