// The orders service: orders (one active per ticket, enforced by the database) and a replica of
// tickets fed by ticket events; an event's cancellation ends its orders.
import { fileURLToPath } from 'node:url';
import { createService, type Service, type ServiceDeps } from '@ticketing/common';
import type { OrdersConfig } from './config';
import { eventCancelled } from './consumers/event-cancelled.consumer';
import { expirationComplete } from './consumers/expiration-complete.consumer';
import { paymentCreated } from './consumers/payment-created.consumer';
import { ticketCreated } from './consumers/ticket-created.consumer';
import { ticketReservationRejected } from './consumers/ticket-reservation-rejected.consumer';
import { ticketUpdated } from './consumers/ticket-updated.consumer';
import { registerCancelOrder } from './routes/cancel-order.route';
import { registerCreateOrder } from './routes/create-order.route';
import { registerListOrders } from './routes/list-orders.route';
import { registerShowOrder } from './routes/show-order.route';
import { defaultMaxActiveOrdersPerUser } from './domain/unpaid-order-cap';

export type OrdersServiceDeps = ServiceDeps & {
  config: Pick<OrdersConfig, 'ORDER_EXPIRATION_SECONDS'> & Partial<OrdersConfig>;
  /** The current time (tests may fix it); defaults to the system clock. */
  now?: () => Date;
};

export function createOrdersService(deps: OrdersServiceDeps): Promise<Service> {
  const now = deps.now ?? (() => new Date());
  return createService({
    name: 'orders',
    group: 'orders-service',
    migrationsDir: fileURLToPath(new URL('./db/migrations', import.meta.url)),
    consumers: [ticketCreated, ticketUpdated, ticketReservationRejected, expirationComplete, paymentCreated, eventCancelled],
    routes: (app) => {
      registerCreateOrder(app, {
        db: deps.db, now, expirationSeconds: deps.config.ORDER_EXPIRATION_SECONDS,
        maxActiveOrders: deps.config.MAX_ACTIVE_ORDERS_PER_USER ?? defaultMaxActiveOrdersPerUser,
      });
      registerListOrders(app, deps.db);
      registerShowOrder(app, deps.db);
      registerCancelOrder(app, deps.db);
    },
  }, deps);
}
