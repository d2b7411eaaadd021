import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher, owaspScryptParams } from '../src/password';

const cheap = { N: 1024, r: 8, p: 1 };
const legacyHash = (password: string, salt: string) =>
  `scrypt$16384$8$1$${salt}$${scryptSync(password, Buffer.from(salt, 'base64url'), 32, { N: 16_384, r: 8, p: 1 }).toString('base64url')}`;

describe('password hashing', () => {
  it("stores scrypt at OWASP's N = 2^17, r = 8, p = 1 with a random salt, by default", async () => {
    expect(owaspScryptParams).toEqual({ N: 131_072, r: 8, p: 1 });
    const passwords = createPasswordHasher();
    const [first, second] = await Promise.all([passwords.hash('secret12'), passwords.hash('secret12')]);
    expect(first).toMatch(/^scrypt-exact\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(await passwords.verify('secret12', first)).toBe(true);
    expect(passwords.needsRehash(first)).toBe(false);
  });

  it('accepts the password exactly as typed and refuses any other, surrounding spaces included', async () => {
    const passwords = createPasswordHasher(cheap);
    const stored = await passwords.hash(' correct horse ');
    expect(await passwords.verify(' correct horse ', stored)).toBe(true);
    for (const other of ['correct horse', 'correct horse ', ' correct horsE ', '']) expect(await passwords.verify(other, stored)).toBe(false);
  });

  it('an older hash (N = 2^14, of the trimmed password) still verifies, and is due for a rehash', async () => {
    const passwords = createPasswordHasher(cheap);
    const salt = Buffer.from('sixteen byte salt').subarray(0, 16).toString('base64url');
    const old = legacyHash('correct horse', salt);
    expect(await passwords.verify('correct horse', old)).toBe(true);
    expect(await passwords.verify('  correct horse ', old)).toBe(true);
    expect(await passwords.verify('correct horse!', old)).toBe(false);
    expect(passwords.needsRehash(old)).toBe(true);
    expect(passwords.needsRehash(await passwords.hash('correct horse'))).toBe(false);
    expect(createPasswordHasher().needsRehash(await passwords.hash('correct horse'))).toBe(true);
  });

  it('a malformed stored hash never matches', async () => {
    const passwords = createPasswordHasher(cheap);
    for (const stored of ['', 'plain', 'bcrypt$x$y$z$a$b', 'scrypt$x$8$1$c2FsdA$aGFzaA', 'scrypt-exact$1024$8$1$c2FsdA']) {
      expect(await passwords.verify('secret12', stored)).toBe(false);
    }
  });

  it('the decoy check for unknown emails answers false', async () => {
    expect(await createPasswordHasher(cheap).verifyAgainstDecoy('anything')).toBe(false);
  });
});
