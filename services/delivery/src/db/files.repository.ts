// SQL for the encrypted ticket files (0002_files.sql). Nothing here ever sees the plaintext.
import type { Queryable } from '@ticketing/common';
import type { FileType } from '../domain/file-content';
import type { SealedFile } from '../domain/file-crypto';

export interface StoredFile extends SealedFile { ticketId: string; contentType: FileType; size: number }

const columns = 'ticket_id AS "ticketId", content_type AS "contentType", size, key_id AS "keyId", iv, auth_tag AS "authTag", ciphertext';

function fromRow(row: StoredFile): StoredFile {
  return { ...row, iv: Buffer.from(row.iv), authTag: Buffer.from(row.authTag), ciphertext: Buffer.from(row.ciphertext) };
}

export async function findFile(db: Queryable, ticketId: string, options: { lock?: boolean } = {}): Promise<StoredFile | undefined> {
  const [row] = await db.query<StoredFile>(`SELECT ${columns} FROM ticket_files WHERE ticket_id = $1${options.lock ? ' FOR UPDATE' : ''}`, [ticketId]);
  return row && fromRow(row);
}

export async function hasFile(db: Queryable, ticketId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM ticket_files WHERE ticket_id = $1', [ticketId])).length > 0;
}

export async function saveFile(db: Queryable, file: StoredFile, uploadedBy: string): Promise<void> {
  await db.query(
    `INSERT INTO ticket_files (ticket_id, content_type, size, key_id, iv, auth_tag, ciphertext, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (ticket_id) DO UPDATE SET content_type = EXCLUDED.content_type, size = EXCLUDED.size, key_id = EXCLUDED.key_id,
       iv = EXCLUDED.iv, auth_tag = EXCLUDED.auth_tag, ciphertext = EXCLUDED.ciphertext, uploaded_by = EXCLUDED.uploaded_by, uploaded_at = now()`,
    [file.ticketId, file.contentType, file.size, file.keyId, file.iv, file.authTag, file.ciphertext, uploadedBy],
  );
}

/** Tickets whose file is under a key other than `currentKeyId` (for re-encryption), oldest first. */
export async function filesUnderOtherKeys(db: Queryable, currentKeyId: string, limit: number, skip: string[]): Promise<string[]> {
  const rows = await db.query<{ ticketId: string }>(
    'SELECT ticket_id AS "ticketId" FROM ticket_files WHERE key_id <> $1 AND NOT (ticket_id = ANY($2::uuid[])) ORDER BY uploaded_at LIMIT $3',
    [currentKeyId, skip, limit],
  );
  return rows.map((row) => row.ticketId);
}

/** Replaces a file's sealing if it is still under `previousKeyId` (another replica may have done it). */
export async function resealFile(db: Queryable, ticketId: string, previousKeyId: string, sealed: SealedFile): Promise<boolean> {
  const rows = await db.query(
    'UPDATE ticket_files SET key_id = $3, iv = $4, auth_tag = $5, ciphertext = $6 WHERE ticket_id = $1 AND key_id = $2 RETURNING ticket_id',
    [ticketId, previousKeyId, sealed.keyId, sealed.iv, sealed.authTag, sealed.ciphertext],
  );
  return rows.length > 0;
}
