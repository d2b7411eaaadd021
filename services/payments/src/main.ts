import { runServiceProcess } from '@ticketing/common';
import { createPaymentsService } from './app';
import { paymentsConfigSchema } from './config';
import { stripeProviderFromConfig } from './provider/stripe-from-config';

await runServiceProcess({
  name: 'payments',
  configSchema: paymentsConfigSchema,
  build: (config, deps) => createPaymentsService({ ...deps, config, provider: stripeProviderFromConfig(config) }),
});
