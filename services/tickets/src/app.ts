// The tickets service: the source of truth for tickets and their reservation mark.
import { fileURLToPath } from 'node:url';
import { createService, type Service, type ServiceDeps } from '@ticketing/common';
import type { TicketsConfig } from './config';
import { orderCancelled } from './consumers/order-cancelled.consumer';
import { orderCreated } from './consumers/order-created.consumer';
import { registerCreateTicket } from './routes/create-ticket.route';
import { registerListTickets } from './routes/list-tickets.route';
import { registerShowTicket } from './routes/show-ticket.route';
import { registerUpdateTicket } from './routes/update-ticket.route';

// Tickets reads none of its own settings yet; the process passes its whole config anyway.
export type TicketsServiceDeps = ServiceDeps & { config: Partial<TicketsConfig> };

export function createTicketsService(deps: TicketsServiceDeps): Promise<Service> {
  return createService({
    name: 'tickets',
    group: 'tickets-service',
    migrationsDir: fileURLToPath(new URL('./db/migrations', import.meta.url)),
    consumers: [orderCreated, orderCancelled],
    routes: (app) => {
      registerCreateTicket(app, deps.db);
      registerListTickets(app, deps.db);
      registerShowTicket(app, deps.db);
      registerUpdateTicket(app, deps.db);
    },
  }, deps);
}
