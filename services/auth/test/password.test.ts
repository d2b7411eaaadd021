import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../src/password';

describe('password hashing', () => {
  it('stores scrypt with its parameters and a random salt', async () => {
    const [first, second] = await Promise.all([hashPassword('secret'), hashPassword('secret')]);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
  });

  it('accepts the password and refuses any other', async () => {
    const stored = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('honours the parameters written in an older hash', async () => {
    const stored = await hashPassword('secret');
    const [, , , , salt] = stored.split('$');
    const { scryptSync } = await import('node:crypto');
    const cheaper = `scrypt$1024$8$1$${salt}$${scryptSync('secret', Buffer.from(salt, 'base64url'), 32, { N: 1024, r: 8, p: 1 }).toString('base64url')}`;
    expect(await verifyPassword('secret', cheaper)).toBe(true);
  });

  it('a malformed stored hash never matches', async () => {
    for (const stored of ['', 'plain', 'bcrypt$x$y$z$a$b', 'scrypt$x$8$1$c2FsdA$aGFzaA']) {
      expect(await verifyPassword('secret', stored)).toBe(false);
    }
  });

  it('the decoy check for unknown emails answers false', async () => {
    expect(await verifyAgainstDecoy('anything')).toBe(false);
  });
});
