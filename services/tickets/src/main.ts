// The tickets process: config, real adapters, start, graceful stop (all in the kernel).
import { runServiceProcess } from '@ticketing/common';
import { createTicketsService } from './app';
import { ticketsConfigSchema } from './config';

await runServiceProcess({
  name: 'tickets',
  configSchema: ticketsConfigSchema,
  build: (config, deps) => createTicketsService({ ...deps, config }),
});
