// The payouts process: config, real adapters (Stripe Connect, release timers), start, graceful stop.
import { runServiceProcess } from '@ticketing/common';
import { createPayoutsService } from './app';
import { payoutsConfigSchema } from './config';
import { stripeConnectProviderFromConfig } from './provider/stripe-from-config';
import { createReleaseScheduler } from './scheduler/create-scheduler';

await runServiceProcess({
  name: 'payouts',
  configSchema: payoutsConfigSchema,
  build: (config, deps) => createPayoutsService({
    ...deps, config, provider: stripeConnectProviderFromConfig(config), scheduler: createReleaseScheduler(config, deps),
  }),
});
