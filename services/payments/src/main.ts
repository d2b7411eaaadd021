// The payments process. With REDIS_URL the replicas share their failed-payment counters there.
import { runServiceProcess, type Logger } from '@ticketing/common';
import { Redis } from 'ioredis';
import { createPaymentsService } from './app';
import { paymentsConfigSchema } from './config';
import { stripeProviderFromConfig } from './provider/stripe-from-config';

await runServiceProcess({
  name: 'payments',
  configSchema: paymentsConfigSchema,
  build: (config, deps) => createPaymentsService({
    ...deps, config, provider: stripeProviderFromConfig(config),
    failureStore: config.REDIS_URL ? connectFailureStore(config.REDIS_URL, deps.logger) : undefined,
  }),
});

/** Fails fast while Redis is away (no offline queue): the limiter then counts in memory. */
function connectFailureStore(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', (error) => logger.warn({ err: error }, 'failed-payment counters: Redis unavailable, counting in memory'));
  return redis;
}
