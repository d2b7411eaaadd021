// createPayoutsService: sellers' payouts (docs/payouts.md) — a double-entry ledger of every sale's
// money, release timers (the scheduler port), Stripe Connect onboarding, transfers and reversals
// made by a worker outside any transaction, and the timeline buyer and seller both see.
import { createService, type Scheduler, type Service, type ServiceDeps } from '@ticketing/common';
import { fileURLToPath } from 'node:url';
import type { PayoutsSettings } from './config';
import { eventCancelled } from './consumers/event-cancelled.consumer';
import { eventCreated } from './consumers/event-created.consumer';
import { eventUpdated } from './consumers/event-updated.consumer';
import { orderCreated } from './consumers/order-created.consumer';
import { paymentCreated } from './consumers/payment-created.consumer';
import { paymentRefunded } from './consumers/payment-refunded.consumer';
import { ticketCreated } from './consumers/ticket-created.consumer';
import { feeBasisPoints } from './domain/fee';
import type { PayoutsProvider } from './provider/payouts-provider.port';
import { registerConnectWebhook } from './routes/connect-webhook.route';
import { registerListPayouts } from './routes/list-payouts.route';
import { registerOnboarding } from './routes/onboarding.route';
import { registerShowOrderPayout } from './routes/show-order-payout.route';
import { createPayoutWorker, type PayoutWorkerOptions } from './workers/payout-worker';
import type { PayoutsContext } from './workflows/payouts-context';
import { releaseSale } from './workflows/release-sale';

export interface PayoutsServiceDeps extends ServiceDeps {
  config: Partial<PayoutsSettings>;
  provider: PayoutsProvider;
  /** Release timers (createReleaseScheduler from config, or the launcher's / a test's). */
  scheduler: Scheduler;
  /** The current time (tests may move it); defaults to the system clock. */
  now?: () => Date;
  /** The payout worker's polling and retry delays (tests make them short). */
  payouts?: PayoutWorkerOptions;
}

export function createPayoutsService(deps: PayoutsServiceDeps): Promise<Service> {
  const { db, provider, scheduler, config } = deps;
  const now = deps.now ?? (() => new Date());
  const worker = createPayoutWorker({ db, provider, now, logger: deps.logger.child({ component: 'payout-worker' }) }, deps.payouts);
  const onJobDue = () => worker.nudge();
  const ctx: PayoutsContext = {
    holdHours: config.PAYOUT_HOLD_HOURS ?? 48,
    feeBasisPoints: feeBasisPoints(config.PLATFORM_FEE_PERCENT ?? 5),
    scheduler, now, onJobDue,
  };
  return createService({
    name: 'payouts',
    group: 'payouts-service',
    migrationsDir: fileURLToPath(new URL('./db/migrations', import.meta.url)),
    consumers: [
      ticketCreated, orderCreated, paymentCreated(ctx), paymentRefunded(ctx),
      eventCreated(ctx), eventUpdated(ctx), eventCancelled(ctx),
    ],
    async routes(app) {
      registerOnboarding(app, { db, provider, webUrl: config.PAYOUTS_WEB_URL ?? 'http://localhost:3000' });
      registerListPayouts(app, db);
      registerShowOrderPayout(app, db);
      await registerConnectWebhook(app, { db, provider, now, onJobDue, logger: deps.logger.child({ component: 'connect-webhook' }) });
    },
    // A fired timer's effect commits with its claim when the adapter gives a transaction (DB
    // timers); BullMQ gives none, and releaseSale is idempotent per key under the sale's lock.
    onStart: async () => {
      await scheduler.start((key, tx) => (tx ? releaseSale(tx, ctx, key) : db.transaction((own) => releaseSale(own, ctx, key))));
      worker.start();
    },
    onStop: async () => {
      await scheduler.stop();
      await worker.stop();
    },
  }, deps);
}
