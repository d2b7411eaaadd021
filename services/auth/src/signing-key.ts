// The Ed25519 key auth signs sessions with. Production passes it in (JWT_PRIVATE_KEY); development
// and the embedded launcher generate one once and keep it in a file, so sessions survive restarts.
// The key helpers are the kernel's (packages/common/src/keys/signing-key.ts, delivery's passes use them too).
import { loadOrCreateSigningKey, signingKeyFromConfig, type Logger, type SigningKey } from '@ticketing/common';

export { generateSigningKey, loadOrCreateSigningKey, signingKeyFromConfig, signingKeyFromJwk, type SigningKey } from '@ticketing/common';

/** The process's key: JWT_PRIVATE_KEY, or (development only) a generated one kept in AUTH_KEY_FILE. */
export async function resolveSigningKey(
  config: { JWT_PRIVATE_KEY?: string; AUTH_KEY_FILE: string },
  logger: Logger,
): Promise<SigningKey> {
  if (config.JWT_PRIVATE_KEY) return signingKeyFromConfig(config.JWT_PRIVATE_KEY);
  logger.warn({ file: config.AUTH_KEY_FILE },
    'JWT_PRIVATE_KEY is not set: using a generated development signing key; production must set JWT_PRIVATE_KEY');
  return loadOrCreateSigningKey(config.AUTH_KEY_FILE);
}
