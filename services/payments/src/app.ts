// createPaymentsService: payments and the orders replica, over a payment provider port.
import { createService, type Service, type ServiceDeps } from '@ticketing/common';
import type { Redis } from 'ioredis';
import { fileURLToPath } from 'node:url';
import type { PaymentsSettings } from './config';
import { orderCancelledConsumer } from './consumers/order-cancelled.consumer';
import { orderCreatedConsumer } from './consumers/order-created.consumer';
import { createFailedPaymentLimiter } from './limits/failed-payment-limiter';
import type { PaymentProvider } from './provider/payment-provider.port';
import { createPaymentRoute } from './routes/create-payment.route';
import { stripeWebhookRoute } from './routes/stripe-webhook.route';
import { createRefundWorker, type RefundWorkerOptions } from './workers/refund-worker';

export interface PaymentsServiceDeps extends ServiceDeps {
  config: Partial<PaymentsSettings> & Pick<PaymentsSettings, 'PAYMENTS_CURRENCY'>;
  provider: PaymentProvider;
  /** Longer than the provider's worst case (timeout × attempts + backoff). Default 60 s. */
  attemptLeaseMs?: number;
  now?: () => Date;
  /** The refund worker's polling, concurrency and retry delays (tests make them short). */
  refunds?: RefundWorkerOptions;
  /** Where replicas share the failed-payment counters (REDIS_URL); in memory without it. */
  failureStore?: Redis;
}

export function createPaymentsService(deps: PaymentsServiceDeps): Promise<Service> {
  const { db, provider, config } = deps;
  const searchLagMs = (config.STRIPE_SEARCH_LAG_SECONDS ?? 600) * 1000;
  const refunds = createRefundWorker({ db, provider, searchLagMs, logger: deps.logger.child({ component: 'refund-worker' }) }, deps.refunds);
  const onRefundDue = () => refunds.nudge();
  const payDeps = {
    db, provider,
    currency: config.PAYMENTS_CURRENCY,
    attemptLeaseMs: deps.attemptLeaseMs ?? 60_000,
    now: deps.now ?? (() => new Date()),
    onRefundDue,
    limiter: createFailedPaymentLimiter({
      perOrder: config.PAYMENTS_FAILED_PER_ORDER ?? 5,
      perOrderWindowSeconds: config.PAYMENTS_FAILED_PER_ORDER_WINDOW_SECONDS ?? 600,
      perUser: config.PAYMENTS_FAILED_PER_USER ?? 10,
      perUserWindowSeconds: config.PAYMENTS_FAILED_PER_USER_WINDOW_SECONDS ?? 3_600,
    }, deps.failureStore),
  };
  return createService({
    name: 'payments',
    group: 'payments-service',
    migrationsDir: fileURLToPath(new URL('./db/migrations', import.meta.url)),
    consumers: [orderCreatedConsumer, orderCancelledConsumer({ onRefundDue })],
    async routes(app) {
      createPaymentRoute(app, payDeps);
      await stripeWebhookRoute(app, { db, provider, onRefundDue, logger: deps.logger.child({ component: 'stripe-webhook' }) });
    },
    // Refunds happen outside the consumers' transactions (workers/refund-worker.ts).
    onStart: async () => refunds.start(),
    onStop: () => refunds.stop(),
  }, deps);
}
