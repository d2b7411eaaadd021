import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { dbKinds, openAuthApp, testPasswordParams, uniqueEmail, type AuthTestApp } from './support/auth-app';

describe.each(dbKinds)('POST /api/users/signin (%s)', (kind) => {
  let auth: AuthTestApp;
  const email = uniqueEmail();
  let userId: string;
  beforeAll(async () => {
    auth = await openAuthApp(kind);
    const res = await auth.service.http.inject({ method: 'POST', url: '/api/users/signup', payload: { email, password: ' correct horse ' } });
    userId = res.json().id;
  });
  afterAll(() => auth?.close());

  const signin = (payload: unknown) => auth.service.http.inject({ method: 'POST', url: '/api/users/signin', payload: payload as object });

  it('the right password: 200 {id, email} and a session cookie for that user', async () => {
    const res = await signin({ email, password: ' correct horse ' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: userId, email });
    const token = res.cookies.find((cookie) => cookie.name === 'session')!.value;
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ id: userId, email });
  });

  it('compares the email trimmed and case-insensitively, the password exactly as typed', async () => {
    const res = await signin({ email: ` ${email.toUpperCase()} `, password: ' correct horse ' });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(userId);
    expect((await signin({ email, password: '  correct horse  ' })).statusCode).toBe(400);
  });

  it('a wrong password and an unknown email get the same 400 "Invalid credentials"', async () => {
    const wrongPassword = await signin({ email, password: 'correct horse!' });
    const unknownEmail = await signin({ email: uniqueEmail(), password: 'correct horse' });
    for (const res of [wrongPassword, unknownEmail]) {
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ errors: [{ message: 'Invalid credentials' }] });
      expect(res.cookies).toHaveLength(0);
    }
  });

  it('an invalid email is a validation error on field email', async () => {
    const res = await signin({ email: 'nope', password: 'whatever' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errors: [{ message: 'Email must be valid', field: 'email' }] });
  });

  it('an empty password is a validation error on field password; a blank one is just wrong', async () => {
    const res = await signin({ email, password: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errors: [{ message: 'You must supply a password', field: 'password' }] });
    expect((await signin({ email, password: '   ' })).json()).toEqual({ errors: [{ message: 'Invalid credentials' }] });
  });

  it('a missing password is reported by name', async () => {
    const res = await signin({ email });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errors: [{ message: 'password is required', field: 'password' }] });
  });

  it('a hash from before (scrypt N = 2^14 of the trimmed password) signs in and is replaced by a current one', async () => {
    const legacyEmail = uniqueEmail();
    const salt = randomBytes(16);
    const legacyKey = scryptSync('old password', salt, 32, { N: 16_384, r: 8, p: 1 }).toString('base64url');
    await auth.db.db.query('INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3)',
      [randomUUID(), legacyEmail, `scrypt$16384$8$1$${salt.toString('base64url')}$${legacyKey}`]);
    expect((await signin({ email: legacyEmail, password: ' old password ' })).statusCode).toBe(200);
    const [row] = await auth.db.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [legacyEmail]);
    expect(row.password_hash).toMatch(new RegExp(`^scrypt-exact\\$${testPasswordParams.N}\\$8\\$1\\$`));
    // The new hash is of the password as typed this time.
    expect((await signin({ email: legacyEmail, password: ' old password ' })).statusCode).toBe(200);
    expect((await signin({ email: legacyEmail, password: 'old password' })).statusCode).toBe(400);
  });
});
