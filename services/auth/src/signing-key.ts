// The Ed25519 key auth signs sessions with. Production passes it in (JWT_PRIVATE_KEY); development
// and the embedded launcher generate one once and keep it in a file, so sessions survive restarts.
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, importPKCS8, type JWK } from 'jose';
import type { Logger } from '@ticketing/common';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** Public half as published in the JWKS (kid, alg EdDSA, use sig). */
  publicJwk: JWK;
}

export async function generateSigningKey(): Promise<SigningKey> {
  return signingKeyFromJwk(await generatePrivateJwk());
}

async function generatePrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return exportJWK(privateKey);
}

/** A private Ed25519 JWK ({kty: OKP, crv: Ed25519, x, d}). */
export async function signingKeyFromJwk(jwk: JWK): Promise<SigningKey> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x || !jwk.d) {
    throw new Error('signing key must be a private Ed25519 key (OKP JWK with x and d)');
  }
  const kid = jwk.kid ?? (await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }));
  const privateKey = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d }, 'EdDSA');
  if (privateKey instanceof Uint8Array) throw new Error('signing key must be asymmetric');
  return { kid, privateKey, publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid, alg: 'EdDSA', use: 'sig' } };
}

/** JWT_PRIVATE_KEY: a PKCS8 PEM or a private JWK as JSON. */
export async function signingKeyFromConfig(value: string): Promise<SigningKey> {
  const text = value.trim();
  if (text.startsWith('{')) return signingKeyFromJwk(JSON.parse(text) as JWK);
  // Env files often carry a PEM on one line with literal "\n".
  const pem = text.replaceAll('\\n', '\n');
  const imported = await importPKCS8(pem, 'EdDSA', { extractable: true });
  return signingKeyFromJwk(await exportJWK(imported));
}

/** Reads the key from `file`, or generates one and saves it there (0600) when the file is missing. */
export async function loadOrCreateSigningKey(file: string): Promise<SigningKey> {
  const saved = await readKeyFile(file);
  if (saved) return saved;
  const jwk = await generatePrivateJwk();
  const fresh = await signingKeyFromJwk(jwk);
  if (await createOnce(file, JSON.stringify({ ...jwk, kid: fresh.kid }, null, 2))) return fresh;
  // Another process created it first: use theirs, so both sign with the same key.
  const winner = await readKeyFile(file);
  if (!winner) throw new Error(`signing key file ${file} vanished`);
  return winner;
}

async function readKeyFile(file: string): Promise<SigningKey | null> {
  try {
    return await signingKeyFromJwk(JSON.parse(await readFile(file, 'utf8')) as JWK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read signing key file ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Writes a temporary file, then links it into place: readers never see a half-written key. */
async function createOnce(file: string, content: string): Promise<boolean> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, content, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

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
