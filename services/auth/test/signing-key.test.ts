import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, loadOrCreateSigningKey, signingKeyFromConfig, type SigningKey } from '../src/signing-key';

const signAndVerify = async (signer: SigningKey, verifier: SigningKey) => {
  const token = await new SignJWT({ id: 'u' }).setProtectedHeader({ alg: 'EdDSA', kid: signer.kid }).sign(signer.privateKey);
  return jwtVerify(token, createLocalJWKSet({ keys: [verifier.publicJwk] }), { algorithms: ['EdDSA'] });
};

describe('loadOrCreateSigningKey', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'auth-key-')); });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates the key file once (mode 0600, a private Ed25519 JWK) and reuses it afterwards', async () => {
    const file = join(dir, 'nested', 'auth-signing-key.json');
    const first = await loadOrCreateSigningKey(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: first.publicJwk.x, d: expect.any(String), kid: first.kid });

    const second = await loadOrCreateSigningKey(file);
    expect(second.kid).toBe(first.kid);
    expect(second.publicJwk).toEqual(first.publicJwk);
    await expect(signAndVerify(second, first)).resolves.toBeTruthy();
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify(saved, null, 2));
  });

  it('processes starting together end up with one key', async () => {
    const file = join(dir, 'race.json');
    const keys = await Promise.all(Array.from({ length: 5 }, () => loadOrCreateSigningKey(file)));
    expect(new Set(keys.map((key) => key.kid)).size).toBe(1);
  });

  it('a corrupt key file stops the start with a message naming the file', async () => {
    const file = join(dir, 'corrupt.json');
    await writeFile(file, '{"kty":"RSA"}');
    await expect(loadOrCreateSigningKey(file)).rejects.toThrow(file);
  });
});

describe('signingKeyFromConfig', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('reads a PKCS8 PEM, also with escaped newlines from an env file', async () => {
    const fromPem = await signingKeyFromConfig(pem);
    const fromEscaped = await signingKeyFromConfig(pem.replaceAll('\n', '\\n'));
    expect(fromEscaped.publicJwk).toEqual(fromPem.publicJwk);
    expect(fromPem.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: expect.any(String) });
    expect(fromPem.publicJwk).not.toHaveProperty('d');
    await expect(signAndVerify(fromPem, fromEscaped)).resolves.toBeTruthy();
  });

  it('reads a private JWK as JSON, keeping its kid', async () => {
    const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    const loaded = await signingKeyFromConfig(JSON.stringify({ ...jwk, kid: 'prod-2026' }));
    expect(loaded.kid).toBe('prod-2026');
    expect(loaded.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: 'prod-2026', alg: 'EdDSA', use: 'sig' });
    await expect(signAndVerify(loaded, loaded)).resolves.toBeTruthy();
  });

  it('refuses a public-only JWK and a non-Ed25519 key', async () => {
    const key = await generateSigningKey();
    await expect(signingKeyFromConfig(JSON.stringify(key.publicJwk))).rejects.toThrow(/private Ed25519/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(signingKeyFromConfig(rsa)).rejects.toThrow();
  });
});
