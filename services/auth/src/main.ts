// The auth process. Without JWT_PRIVATE_KEY it generates a development key into AUTH_KEY_FILE (with
// a warning) so `npm run start:infra` works out of the box; production must set JWT_PRIVATE_KEY.
import { runServiceProcess } from '@ticketing/common';
import { createAuthService } from './app';
import { authConfigSchema } from './config';
import { resolveSigningKey } from './signing-key';

await runServiceProcess({
  name: 'auth',
  configSchema: authConfigSchema,
  build: async (config, deps) => createAuthService({ ...deps, config, signingKey: await resolveSigningKey(config, deps.logger) }),
});
