import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, openAuthApp, uniqueEmail, type AuthTestApp } from './support/auth-app';

describe.each(dbKinds)('POST /api/users/signup (%s)', (kind) => {
  let auth: AuthTestApp;
  beforeAll(async () => { auth = await openAuthApp(kind); });
  afterAll(() => auth?.close());

  const signup = (payload: unknown) => auth.service.http.inject({ method: 'POST', url: '/api/users/signup', payload: payload as object });

  it('creates the user: 201 {id, email} and a session cookie', async () => {
    const email = uniqueEmail();
    const res = await signup({ email, password: 'secret12' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), email });
    const session = res.cookies.find((cookie) => cookie.name === 'session');
    expect(session?.value.split('.')).toHaveLength(3);
  });

  it('stores the email trimmed and lower-cased', async () => {
    const email = uniqueEmail();
    const res = await signup({ email: `  ${email.toUpperCase()}  `, password: 'secret12' });
    expect(res.statusCode).toBe(201);
    expect(res.json().email).toBe(email);
    const rows = await auth.db.db.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [res.json().id]);
    expect(rows).toEqual([{ email }]);
  });

  it('stores a salted scrypt hash, never the password', async () => {
    const [first, second] = [uniqueEmail(), uniqueEmail()];
    await signup({ email: first, password: 'same-password' });
    await signup({ email: second, password: 'same-password' });
    const rows = await auth.db.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE email = ANY($1) ORDER BY email', [[first, second]]);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt-exact\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
      expect(row.password_hash).not.toContain('same-password');
    }
    expect(rows[0].password_hash).not.toBe(rows[1].password_hash);
  });

  it("at the default cost: scrypt N = 2^17 (OWASP), not a test's", async () => {
    const owasp = await openAuthApp(kind, {}, undefined, { passwordParams: undefined });
    try {
      const res = await owasp.service.http.inject({ method: 'POST', url: '/api/users/signup', payload: { email: uniqueEmail(), password: 'secret12' } });
      expect(res.statusCode).toBe(201);
      const rows = await owasp.db.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [res.json().id]);
      expect(rows[0].password_hash).toMatch(/^scrypt-exact\$131072\$8\$1\$/);
    } finally {
      await owasp.close();
    }
  });

  it('an email already in use, in another case, is 400 "Email in use"', async () => {
    const local = `dup-${crypto.randomUUID().slice(0, 8)}`;
    expect((await signup({ email: `${local.toUpperCase()}@X.com`, password: 'secret12' })).statusCode).toBe(201);
    const res = await signup({ email: `${local}@x.com`, password: 'other-secret' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errors: [{ message: 'Email in use' }] });
    expect(res.cookies).toHaveLength(0);
  });

  it('8 concurrent sign-ups with one email: exactly one 201, the rest 400 "Email in use"', async () => {
    const email = uniqueEmail();
    const responses = await Promise.all(Array.from({ length: 8 }, (_, index) => signup({ email, password: `password-${index}` })));
    const statuses = responses.map((res) => res.statusCode).sort();
    expect(statuses).toEqual([201, 400, 400, 400, 400, 400, 400, 400]);
    for (const res of responses.filter((candidate) => candidate.statusCode === 400)) {
      expect(res.json()).toEqual({ errors: [{ message: 'Email in use' }] });
    }
    const rows = await auth.db.db.query('SELECT id FROM users WHERE email = $1', [email]);
    expect(rows).toHaveLength(1);
  });

  it('an invalid email is a validation error on field email', async () => {
    const res = await signup({ email: 'not-an-email', password: 'secret12' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errors: [{ message: 'Email must be valid', field: 'email' }] });
  });

  it('a password shorter than 8 characters is a validation error on field password (NIST 800-63B)', async () => {
    for (const password of ['abc', 'seven77']) {
      const res = await signup({ email: uniqueEmail(), password });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ errors: [{ message: 'Password must be between 8 and 128 characters', field: 'password' }] });
    }
  });

  it('the password is not trimmed: spaces count toward its length and are part of it', async () => {
    expect((await signup({ email: uniqueEmail(), password: ' abcde ' })).statusCode).toBe(400);
    const email = uniqueEmail();
    expect((await signup({ email, password: '  abcdef  ' })).statusCode).toBe(201);
    const signin = (password: string) => auth.service.http.inject({ method: 'POST', url: '/api/users/signin', payload: { email, password } });
    expect((await signin('  abcdef  ')).statusCode).toBe(200);
    expect((await signin('abcdef')).statusCode).toBe(400);
  });

  it('accepts 128 characters and rejects 129', async () => {
    expect((await signup({ email: uniqueEmail(), password: 'p'.repeat(128) })).statusCode).toBe(201);
    const res = await signup({ email: uniqueEmail(), password: 'p'.repeat(129) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ message: 'Password must be between 8 and 128 characters', field: 'password' }]);
  });

  it('missing fields are reported one entry each', async () => {
    const res = await signup({});
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['email', 'password']);
  });

  it('wrong types are 400, not 500', async () => {
    const res = await signup({ email: 42, password: ['secret12'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((error: { field: string }) => error.field).sort()).toEqual(['email', 'password']);
  });
});
