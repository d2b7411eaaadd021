// The delivery process. Without TICKET_FILE_KEYS / PASS_SIGNING_KEY it generates development keys
// into DELIVERY_DATA_DIR (with a warning) so `npm run start:infra` works out of the box; production
// must set both.
import { runServiceProcess } from '@ticketing/common';
import { createDeliveryService } from './app';
import { deliveryConfigSchema } from './config';
import { resolveDeliveryKeys } from './keys/delivery-keys';

await runServiceProcess({
  name: 'delivery',
  configSchema: deliveryConfigSchema,
  build: async (config, deps) => createDeliveryService({ ...deps, config, keys: await resolveDeliveryKeys(config, deps.logger) }),
});
