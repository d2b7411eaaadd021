// After a key rotation (a new key first in TICKET_FILE_KEYS), files still under an older key are
// re-encrypted under the current one in the background, a file per transaction under its row lock
// (replicas may do this at once: a file already moved is skipped). A file whose key was dropped
// is reported and left as it is (it cannot be read until its key is back).
import type { Db, Logger } from '@ticketing/common';
import { filesUnderOtherKeys, findFile, resealFile } from '../db/files.repository';
import { openFile, sealFile, UnknownFileKey } from '../domain/file-crypto';
import type { FileKeyring } from '../keys/file-keys';

export interface Reencryption {
  /** Resolves when every readable file is under the current key (or the worker was stopped). */
  done: Promise<number>;
  stop(): Promise<void>;
}

export function startReencryption(options: { db: Db; keys: FileKeyring; logger: Logger; batchSize?: number }): Reencryption {
  const { db, keys, logger } = options;
  let stopped = false;
  const run = async (): Promise<number> => {
    const unreadable: string[] = [];
    let moved = 0;
    while (!stopped) {
      const batch = await filesUnderOtherKeys(db, keys.current.kid, options.batchSize ?? 20, unreadable);
      if (!batch.length) break;
      for (const ticketId of batch) {
        if (stopped) break;
        const outcome = await db.transaction(async (tx) => {
          const file = await findFile(tx, ticketId, { lock: true });
          if (!file || file.keyId === keys.current.kid) return 'skipped';
          try {
            const plaintext = openFile(keys, ticketId, file);
            return await resealFile(tx, ticketId, file.keyId, sealFile(keys, ticketId, plaintext)) ? 'moved' : 'skipped';
          } catch (error) {
            logger.error({ ticketId, keyId: file.keyId, err: error instanceof UnknownFileKey ? undefined : error },
              error instanceof UnknownFileKey ? 'ticket file under a key no longer configured: left as it is' : 'ticket file does not decrypt: left as it is');
            return 'unreadable';
          }
        });
        if (outcome === 'moved') moved += 1;
        if (outcome === 'unreadable') unreadable.push(ticketId);
      }
    }
    if (moved) logger.info({ moved, keyId: keys.current.kid }, 'ticket files re-encrypted under the current key');
    return moved;
  };
  const done = run().catch((error: unknown) => {
    logger.error({ err: error }, 'ticket file re-encryption stopped; it resumes at the next start');
    return 0;
  });
  return {
    done,
    async stop() {
      stopped = true;
      await done;
    },
  };
}
