// Delivery's secrets: the ticket files' keyring and the pass signing key. Production passes both in
// (TICKET_FILE_KEYS, PASS_SIGNING_KEY); development and the embedded launcher generate them once
// into the data directory (as auth does its session key), so files and passes survive restarts.
import { join } from 'node:path';
import { loadOrCreateSigningKey, signingKeyFromConfig, type Logger, type SigningKey } from '@ticketing/common';
import type { DeliveryConfig } from '../config';
import { loadOrCreateFileKeys, parseFileKeys, type FileKeyring } from './file-keys';

export interface DeliveryKeys {
  files: FileKeyring;
  pass: SigningKey;
}

export const FILE_KEY_FILE = 'delivery-file-key.json';
export const PASS_KEY_FILE = 'delivery-pass-key.json';

/** Generated keys kept in `dataDir` (the embedded launcher's data directory). */
export async function loadOrCreateDeliveryKeys(dataDir: string): Promise<DeliveryKeys> {
  return {
    files: await loadOrCreateFileKeys(join(dataDir, FILE_KEY_FILE)),
    pass: await loadOrCreateSigningKey(join(dataDir, PASS_KEY_FILE)),
  };
}

/** The process's keys: from the config, or (development only, with a warning) generated into DELIVERY_DATA_DIR. */
export async function resolveDeliveryKeys(
  config: Pick<DeliveryConfig, 'TICKET_FILE_KEYS' | 'PASS_SIGNING_KEY' | 'DELIVERY_DATA_DIR'>,
  logger: Logger,
): Promise<DeliveryKeys> {
  let files: FileKeyring;
  if (config.TICKET_FILE_KEYS) files = parseFileKeys(config.TICKET_FILE_KEYS);
  else {
    const file = join(config.DELIVERY_DATA_DIR, FILE_KEY_FILE);
    logger.warn({ file }, 'TICKET_FILE_KEYS is not set: using a generated development key; production must set TICKET_FILE_KEYS');
    files = await loadOrCreateFileKeys(file);
  }
  let pass: SigningKey;
  if (config.PASS_SIGNING_KEY) pass = await signingKeyFromConfig(config.PASS_SIGNING_KEY);
  else {
    const file = join(config.DELIVERY_DATA_DIR, PASS_KEY_FILE);
    logger.warn({ file }, 'PASS_SIGNING_KEY is not set: using a generated development key; production must set PASS_SIGNING_KEY');
    pass = await loadOrCreateSigningKey(file);
  }
  return { files, pass };
}
