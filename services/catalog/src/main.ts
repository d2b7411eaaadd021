// The catalog process: config, real adapters, start, graceful stop (all in the kernel).
import { runServiceProcess } from '@ticketing/common';
import { createCatalogService } from './app';
import { catalogConfigSchema } from './config';

await runServiceProcess({
  name: 'catalog',
  configSchema: catalogConfigSchema,
  build: (config, deps) => createCatalogService({ ...deps, config }),
});
