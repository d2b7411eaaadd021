// The tickets service: the source of truth for tickets, their reservation mark, their holder and
// their resale (issue 17), with a replica of catalog's events (what a listing is checked against).
import { fileURLToPath } from 'node:url';
import { createService, type Service, type ServiceDeps } from '@ticketing/common';
import { defaultEventReplicaWaitMs, type TicketsConfig } from './config';
import { eventCancelled } from './consumers/event-cancelled.consumer';
import { eventCreated } from './consumers/event-created.consumer';
import { eventUpdated } from './consumers/event-updated.consumer';
import { orderCancelled } from './consumers/order-cancelled.consumer';
import { orderCompleted } from './consumers/order-completed.consumer';
import { orderCreated } from './consumers/order-created.consumer';
import { DEFAULT_RESALE_PRICE_CAPS, parsePriceCaps, type PriceCaps } from './domain/price-caps';
import { registerCreateTicket } from './routes/create-ticket.route';
import { registerListTickets } from './routes/list-tickets.route';
import { registerPriceCaps } from './routes/price-caps.route';
import { registerResellTicket } from './routes/resell-ticket.route';
import { registerShowTicket } from './routes/show-ticket.route';
import { registerUpdateTicket } from './routes/update-ticket.route';
import type { ListingRules } from './routes/listing-rules';

// Settings not given take the config's defaults (tests and embedded callers pass what they change).
export type TicketsServiceDeps = ServiceDeps & {
  config: Partial<TicketsConfig>;
  /** The current time (tests may fix it); defaults to the system clock. */
  now?: () => Date;
};

function defaultCaps(): PriceCaps {
  const parsed = parsePriceCaps(DEFAULT_RESALE_PRICE_CAPS);
  if (!('caps' in parsed)) throw new Error(`the default RESALE_PRICE_CAPS is invalid: ${parsed.error}`);
  return parsed.caps;
}

export function createTicketsService(deps: TicketsServiceDeps): Promise<Service> {
  const rules: ListingRules = {
    caps: deps.config.RESALE_PRICE_CAPS ?? defaultCaps(),
    eventWaitMs: deps.config.EVENT_REPLICA_WAIT_MS ?? defaultEventReplicaWaitMs,
    now: deps.now ?? (() => new Date()),
  };
  return createService({
    name: 'tickets',
    group: 'tickets-service',
    migrationsDir: fileURLToPath(new URL('./db/migrations', import.meta.url)),
    consumers: [orderCreated, orderCancelled, orderCompleted, eventCreated, eventUpdated, eventCancelled],
    routes: (app) => {
      registerCreateTicket(app, deps.db, rules);
      registerListTickets(app, deps.db);
      registerPriceCaps(app, rules.caps);
      registerShowTicket(app, deps.db);
      registerUpdateTicket(app, deps.db, rules);
      registerResellTicket(app, deps.db, rules);
    },
  }, deps);
}
