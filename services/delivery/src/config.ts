// The delivery process's environment: the shared variables, the keys the ticket files are
// encrypted with, the key passes are signed with, and where development keys are generated.
import { baseConfigShape, env } from '@ticketing/common';
import { z } from 'zod';
import { parseFileKeys } from './keys/file-keys';

export const deliveryConfigSchema = z.object({
  ...baseConfigShape('delivery'),
  /**
   * `kid:base64-of-32-bytes[,kid:…]`: the first key encrypts new files, every key decrypts (put a
   * new key first to rotate; files under the others are re-encrypted in the background). Production
   * must set it; without it a development key is generated into DELIVERY_DATA_DIR.
   */
  TICKET_FILE_KEYS: z.string().min(1).optional().refine((value) => value === undefined || isFileKeys(value), {
    error: 'must be kid:base64-32-bytes[,kid:base64-32-bytes…] with distinct kids',
  }),
  /** Ed25519 private key passes are signed with, as PKCS8 PEM or private JWK JSON. Production must set it. */
  PASS_SIGNING_KEY: z.string().min(1).optional(),
  /** Where development keys are generated and kept (delivery-file-key.json, delivery-pass-key.json) when the two above are missing. */
  DELIVERY_DATA_DIR: env.string('./.data'),
});

function isFileKeys(value: string): boolean {
  try {
    parseFileKeys(value);
    return true;
  } catch {
    return false;
  }
}

export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;

/** What the delivery factory reads from the configuration (nothing yet: its keys are passed resolved). */
export type DeliverySettings = Record<never, never>;
