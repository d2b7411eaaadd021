// Ticket files at rest: AES-256-GCM under the keyring's current key, a fresh 12-byte IV per file,
// the ticket id as additional authenticated data (a row copied onto another ticket does not
// decrypt), the key's id kept with the ciphertext so older keys still decrypt after a rotation.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FileKeyring } from '../keys/file-keys';

export interface SealedFile {
  keyId: string;
  iv: Buffer;
  authTag: Buffer;
  ciphertext: Buffer;
}

export function sealFile(keys: FileKeyring, ticketId: string, plaintext: Buffer): SealedFile {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.current.key, iv);
  cipher.setAAD(Buffer.from(ticketId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { keyId: keys.current.kid, iv, authTag: cipher.getAuthTag(), ciphertext };
}

export class UnknownFileKey extends Error {
  constructor(readonly keyId: string) { super(`ticket file key ${keyId} is not in TICKET_FILE_KEYS`); }
}

/** The plaintext; throws UnknownFileKey when the key was dropped, and an Error when the data was altered. */
export function openFile(keys: FileKeyring, ticketId: string, sealed: SealedFile): Buffer {
  const key = keys.byId.get(sealed.keyId);
  if (!key) throw new UnknownFileKey(sealed.keyId);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(ticketId, 'utf8'));
  decipher.setAuthTag(sealed.authTag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}
