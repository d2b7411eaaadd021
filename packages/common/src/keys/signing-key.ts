// Ed25519 signing keys (auth's session key, delivery's pass key). Production passes a key in (a
// PKCS8 PEM or a private JWK); development and the embedded launcher generate one once and keep it
// in a file of the data directory, so what was signed stays verifiable across restarts.
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, importPKCS8, type JWK } from 'jose';

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

/** A configured key: a PKCS8 PEM or a private JWK as JSON. */
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
  const saved = await readKeyFile(file, (text) => signingKeyFromJwk(JSON.parse(text) as JWK));
  if (saved) return saved;
  const jwk = await generatePrivateJwk();
  const fresh = await signingKeyFromJwk(jwk);
  if (await createKeyFileOnce(file, JSON.stringify({ ...jwk, kid: fresh.kid }, null, 2))) return fresh;
  // Another process created it first: use theirs, so both sign with the same key.
  const winner = await readKeyFile(file, (text) => signingKeyFromJwk(JSON.parse(text) as JWK));
  if (!winner) throw new Error(`signing key file ${file} vanished`);
  return winner;
}

/** The parsed content of a key file, or null when there is none; any other failure says which file. */
export async function readKeyFile<T>(file: string, parse: (text: string) => T | Promise<T>): Promise<T | null> {
  try {
    return await parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read key file ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Creates `file` (0600, its directory 0700) with `content` unless it exists: writes a temporary
 * file, then links it into place, so readers never see a half-written key. False: it existed.
 */
export async function createKeyFileOnce(file: string, content: string): Promise<boolean> {
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
