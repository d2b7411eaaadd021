// The expiration service process (infra mode).
import { runServiceProcess } from '@ticketing/common';
import { createExpirationService } from './app';
import { expirationConfigSchema } from './config';
import { createScheduler } from './scheduler/create-scheduler';

await runServiceProcess({
  name: 'expiration',
  configSchema: expirationConfigSchema,
  build: (config, deps) => createExpirationService({ ...deps, config, scheduler: createScheduler(config, deps) }),
});
