// The keys ticket files are encrypted with (AES-256-GCM): TICKET_FILE_KEYS = kid:base64[,kid:base64…],
// the first encrypts, every one decrypts. Development generates one key into the data directory.
import { randomBytes } from 'node:crypto';
import { createKeyFileOnce, readKeyFile } from '@ticketing/common';

export interface FileKey { kid: string; key: Buffer }

export interface FileKeyring {
  /** The key new files are encrypted with. */
  current: FileKey;
  /** Every key, by id, the current one included. */
  byId: ReadonlyMap<string, Buffer>;
}

const KID = /^[A-Za-z0-9._-]{1,64}$/;

export function parseFileKeys(value: string): FileKeyring {
  const keys = value.split(',').map((part) => part.trim()).filter(Boolean).map((part): FileKey => {
    const colon = part.indexOf(':');
    const kid = colon > 0 ? part.slice(0, colon) : '';
    if (!KID.test(kid)) throw new Error('each key must be kid:base64 with a kid of letters, digits, ".", "_" or "-"');
    const key = Buffer.from(part.slice(colon + 1), 'base64');
    if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== part.slice(colon + 1).replace(/=+$/, '')) {
      throw new Error(`key ${kid} must be 32 bytes in base64`);
    }
    return { kid, key };
  });
  if (!keys.length) throw new Error('no key');
  const byId = new Map(keys.map((key) => [key.kid, key.key]));
  if (byId.size !== keys.length) throw new Error('key ids must be distinct');
  return { current: keys[0], byId };
}

export function formatFileKeys(keys: FileKey[]): string {
  return keys.map((key) => `${key.kid}:${key.key.toString('base64')}`).join(',');
}

export function generateFileKey(kid = `k${Date.now().toString(36)}`): FileKey {
  return { kid, key: randomBytes(32) };
}

/** Reads the keyring from `file` ({"keys": "kid:base64"}), or generates one key there (0600) when it is missing. */
export async function loadOrCreateFileKeys(file: string): Promise<FileKeyring> {
  const parse = (text: string) => parseFileKeys((JSON.parse(text) as { keys: string }).keys);
  const saved = await readKeyFile(file, parse);
  if (saved) return saved;
  const fresh = formatFileKeys([generateFileKey()]);
  if (await createKeyFileOnce(file, JSON.stringify({ keys: fresh }, null, 2))) return parseFileKeys(fresh);
  const winner = await readKeyFile(file, parse);
  if (!winner) throw new Error(`file key file ${file} vanished`);
  return winner;
}
