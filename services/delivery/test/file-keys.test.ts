// Keys of the ticket files: TICKET_FILE_KEYS parsing, development keys kept in the data directory,
// the ticket id bound to each ciphertext, and rotation (old files readable, then re-encrypted).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@ticketing/common';
import { waitFor } from '@ticketing/common/testing/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryConfigSchema } from '../src/config';
import { openFile, sealFile } from '../src/domain/file-crypto';
import { FILE_KEY_FILE, loadOrCreateDeliveryKeys, PASS_KEY_FILE, resolveDeliveryKeys } from '../src/keys/delivery-keys';
import { formatFileKeys, generateFileKey, parseFileKeys } from '../src/keys/file-keys';
import { newFileKeys, pdfBytes, startDelivery, type DeliveryHarness } from './support/delivery-harness';

describe('TICKET_FILE_KEYS', () => {
  it('the first key encrypts, every key decrypts; malformed values are refused by the config schema', () => {
    const [a, b] = [generateFileKey('a'), generateFileKey('b')];
    const ring = parseFileKeys(formatFileKeys([b, a]));
    expect(ring.current.kid).toBe('b');
    expect([...ring.byId.keys()]).toEqual(['b', 'a']);
    const base = { DATABASE_URL: 'postgres://x@127.0.0.1/x' };
    expect(deliveryConfigSchema.safeParse({ ...base, TICKET_FILE_KEYS: formatFileKeys([a]) }).success).toBe(true);
    for (const bad of ['nokid', ':abc', `a:${Buffer.alloc(16).toString('base64')}`, `${formatFileKeys([a])},${formatFileKeys([a])}`, 'a:not base64!']) {
      expect(deliveryConfigSchema.safeParse({ ...base, TICKET_FILE_KEYS: bad }).success, bad).toBe(false);
    }
  });

  it('a sealed file opens only for its own ticket (the ticket id is authenticated)', async () => {
    const keys = await newFileKeys();
    const ticket = crypto.randomUUID();
    const sealed = sealFile(keys, ticket, Buffer.from('secret barcode'));
    expect(openFile(keys, ticket, sealed).toString()).toBe('secret barcode');
    expect(() => openFile(keys, crypto.randomUUID(), sealed)).toThrow();
    expect(sealFile(keys, ticket, Buffer.from('secret barcode')).iv.equals(sealed.iv)).toBe(false);
  });

  it('development keys are generated once into the data directory (0600) and read back after that', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'delivery-keys-'));
    try {
      const first = await resolveDeliveryKeys({ DELIVERY_DATA_DIR: dir }, silentLogger());
      const again = await loadOrCreateDeliveryKeys(dir);
      expect(again.files.current.key.equals(first.files.current.key)).toBe(true);
      expect(again.pass.kid).toBe(first.pass.kid);
      for (const file of [FILE_KEY_FILE, PASS_KEY_FILE]) expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);
      const configured = await resolveDeliveryKeys({ DELIVERY_DATA_DIR: dir, TICKET_FILE_KEYS: formatFileKeys([generateFileKey('prod')]) }, silentLogger());
      expect(configured.files.current.kid).toBe('prod');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('key rotation', () => {
  let h: DeliveryHarness;
  const oldKey = generateFileKey('old');
  const newKey = generateFileKey('new');
  beforeAll(async () => { h = await startDelivery({ keys: { files: await newFileKeys(oldKey) } }); });
  afterAll(async () => { await h.close(); });

  it('a file under the old key stays readable after a rotation and is re-encrypted under the new key', async () => {
    const seller = await h.newUser();
    const pdfs = [pdfBytes(1_000), pdfBytes(2_000), pdfBytes(3_000)];
    const ticketIds = await Promise.all(pdfs.map(() => h.listTicket(seller)));
    for (const [index, ticketId] of ticketIds.entries()) expect((await h.upload(seller, ticketId, pdfs[index])).status).toBe(200);
    const keyIds = async () => (await h.database.db.query<{ key_id: string }>(
      'SELECT key_id FROM ticket_files WHERE ticket_id = ANY($1::uuid[])', [ticketIds])).map((row) => row.key_id);
    expect(await keyIds()).toEqual(['old', 'old', 'old']);

    await h.restart({ files: await newFileKeys(newKey, oldKey) });
    // Readable right away (whether or not the background pass reached it yet)…
    expect((await h.request(seller, 'GET', `/api/tickets/${ticketIds[0]}/file`)).raw.equals(pdfs[0])).toBe(true);
    // …and re-encrypted under the new key in the background.
    await waitFor(async () => (await keyIds()).every((kid) => kid === 'new'), { what: 'files re-encrypted under the new key' });
    const fresh = await h.listTicket(seller);
    expect((await h.upload(seller, fresh, pdfs[0])).status).toBe(200);

    // The old key can now be dropped.
    await h.restart({ files: await newFileKeys(newKey) });
    for (const [index, ticketId] of ticketIds.entries()) {
      expect((await h.request(seller, 'GET', `/api/tickets/${ticketId}/file`)).raw.equals(pdfs[index])).toBe(true);
    }
  });
});
