// createDeliveryService: what a paid order hands its buyer (docs/ticket-delivery.md) — the seller's
// ticket file, kept encrypted, and a pass the platform signs, revoked when the ticket is resold or
// refunded and admitted once at the door. Files under an older key are re-encrypted after a start.
import { createService, type Service, type ServiceDeps } from '@ticketing/common';
import { fileURLToPath } from 'node:url';
import type { DeliveryConfig } from './config';
import { eventCancelled, eventCreated, eventUpdated } from './consumers/event-record.consumers';
import { orderCancelled } from './consumers/order-cancelled.consumer';
import { orderCompleted } from './consumers/order-completed.consumer';
import { ticketCreated } from './consumers/ticket-created.consumer';
import { ticketUpdated } from './consumers/ticket-updated.consumer';
import type { DeliveryKeys } from './keys/delivery-keys';
import { registerCheckinKeys } from './routes/checkin-keys.route';
import { registerPutTicketFile } from './routes/put-ticket-file.route';
import type { RouteContext } from './routes/route-context';
import { registerShowOrderTicket } from './routes/show-order-ticket.route';
import { registerShowPass } from './routes/show-pass.route';
import { registerShowTicketFile } from './routes/show-ticket-file.route';
import { registerVerifyPass } from './routes/verify-pass.route';
import { startReencryption, type Reencryption } from './workers/reencrypt-files';
import type { DeliveryContext } from './workflows/delivery-context';

export interface DeliveryServiceDeps extends ServiceDeps {
  config: Partial<DeliveryConfig>;
  /** The files' keyring and the pass signing key (resolveDeliveryKeys from config, or loadOrCreateDeliveryKeys(dataDir)). */
  keys: DeliveryKeys;
  /** The current time (tests may move it); defaults to the system clock. */
  now?: () => Date;
}

export function createDeliveryService(deps: DeliveryServiceDeps): Promise<Service> {
  const ctx: DeliveryContext = { keys: deps.keys, now: deps.now ?? (() => new Date()), logger: deps.logger.child({ service: 'delivery' }) };
  const routeContext: RouteContext = { ...ctx, db: deps.db };
  let reencryption: Reencryption | undefined;
  return createService({
    name: 'delivery',
    group: 'delivery-service',
    migrationsDir: fileURLToPath(new URL('./db/migrations', import.meta.url)),
    consumers: [
      ticketCreated, ticketUpdated, eventCreated, eventUpdated, eventCancelled, orderCompleted(ctx), orderCancelled(ctx),
    ],
    async routes(app) {
      await registerPutTicketFile(app, routeContext);
      registerShowTicketFile(app, routeContext);
      registerShowOrderTicket(app, routeContext);
      registerShowPass(app, routeContext);
      registerCheckinKeys(app, routeContext);
      registerVerifyPass(app, routeContext);
    },
    onStart: async () => {
      reencryption = startReencryption({ db: deps.db, keys: deps.keys.files, logger: ctx.logger.child({ component: 'file-reencryption' }) });
    },
    onStop: async () => {
      await reencryption?.stop();
    },
  }, deps);
}
