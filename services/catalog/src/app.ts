// The catalog service: the source of truth for events (a concert on a date at a venue), and a
// replica of the listings tied to them, fed by ticket events, to say what is on sale and from what price.
import { fileURLToPath } from 'node:url';
import { createService, type Service, type ServiceDeps } from '@ticketing/common';
import type { CatalogConfig } from './config';
import { ticketCreated } from './consumers/ticket-created.consumer';
import { ticketUpdated } from './consumers/ticket-updated.consumer';
import { registerCancelEvent } from './routes/cancel-event.route';
import { registerCreateEvent } from './routes/create-event.route';
import { registerListEvents } from './routes/list-events.route';
import { registerShowEvent } from './routes/show-event.route';
import { registerUpdateEvent } from './routes/update-event.route';

// Catalog reads none of its own settings yet; the process passes its whole config anyway.
export type CatalogServiceDeps = ServiceDeps & {
  config: Partial<CatalogConfig>;
  /** The current time (tests may fix it); defaults to the system clock. */
  now?: () => Date;
};

export function createCatalogService(deps: CatalogServiceDeps): Promise<Service> {
  const now = deps.now ?? (() => new Date());
  return createService({
    name: 'catalog',
    group: 'catalog-service',
    migrationsDir: fileURLToPath(new URL('./db/migrations', import.meta.url)),
    consumers: [ticketCreated, ticketUpdated],
    routes: (app) => {
      registerCreateEvent(app, { db: deps.db, now });
      registerListEvents(app, { db: deps.db, now });
      registerShowEvent(app, deps.db);
      registerUpdateEvent(app, { db: deps.db, now });
      registerCancelEvent(app, deps.db);
    },
  }, deps);
}
