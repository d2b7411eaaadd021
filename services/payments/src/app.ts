// createPaymentsService: payments and the orders replica, over a payment provider port.
import { createService, type Service, type ServiceDeps } from '@ticketing/common';
import { fileURLToPath } from 'node:url';
import type { PaymentsConfig } from './config';
import { orderCancelledConsumer } from './consumers/order-cancelled.consumer';
import { orderCreatedConsumer } from './consumers/order-created.consumer';
import type { PaymentProvider } from './provider/payment-provider.port';
import { createPaymentRoute } from './routes/create-payment.route';
import { stripeWebhookRoute } from './routes/stripe-webhook.route';
import { RefundWorker, type RefundWorkerOptions } from './workers/refund-worker';

export interface PaymentsServiceDeps extends ServiceDeps {
  config: Pick<PaymentsConfig, 'PAYMENTS_CURRENCY'>;
  provider: PaymentProvider;
  /** Longer than the provider's worst case (timeout × attempts + backoff). Default 60 s. */
  attemptLeaseMs?: number;
  now?: () => Date;
  /** The refund worker's polling, concurrency and retry delays (tests make them short). */
  refunds?: RefundWorkerOptions;
}

export function createPaymentsService(deps: PaymentsServiceDeps): Promise<Service> {
  const { db, provider } = deps;
  const refunds = new RefundWorker({ db, provider, logger: deps.logger.child({ component: 'refund-worker' }) }, deps.refunds);
  const onRefundDue = () => refunds.nudge();
  const payDeps = {
    db, provider,
    currency: deps.config.PAYMENTS_CURRENCY,
    attemptLeaseMs: deps.attemptLeaseMs ?? 60_000,
    now: deps.now ?? (() => new Date()),
    onRefundDue,
  };
  return createService({
    name: 'payments',
    group: 'payments-service',
    migrationsDir: fileURLToPath(new URL('./db/migrations', import.meta.url)),
    consumers: [orderCreatedConsumer, orderCancelledConsumer({ onRefundDue })],
    async routes(app) {
      createPaymentRoute(app, payDeps);
      await stripeWebhookRoute(app, { db, provider });
    },
    // Refunds happen outside the consumers' transactions (workers/refund-worker.ts).
    onStart: async () => refunds.start(),
    onStop: () => refunds.stop(),
  }, deps);
}
