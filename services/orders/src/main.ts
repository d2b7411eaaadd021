// The orders process: config, real adapters, start, graceful stop (all in the kernel).
import { runServiceProcess } from '@ticketing/common';
import { createOrdersService } from './app';
import { ordersConfigSchema } from './config';

await runServiceProcess({
  name: 'orders',
  configSchema: ordersConfigSchema,
  build: (config, deps) => createOrdersService({ ...deps, config }),
});
