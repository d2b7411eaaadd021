import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startStack, type StackProcess } from '../support/stack-process';

// A newcomer's first run: `npm start` with a fresh data directory on a free port, then the API
// through the gateway; Ctrl-C stops it cleanly and a second start finds the same data.
describe('npm start (embedded mode)', () => {
  let stack: StackProcess;
  const email = `newcomer-${Date.now()}@example.com`;
  beforeAll(async () => { stack = await startStack(); }, 300_000);
  afterAll(async () => { await stack?.stop(); stack?.cleanup(); });

  it('signs up through the gateway and reads the current user', async () => {
    const user = client(stack.url);
    const signup = await user('POST', '/api/users/signup', { email, password: 'correct horse' });
    expect(signup.status).toBe(201);
    expect(signup.headers.get('set-cookie')).toMatch(/^session=.*HttpOnly/i);
    const me = await user('GET', '/api/users/currentuser');
    expect(me.body.currentUser).toMatchObject({ id: signup.body.id, email });
  });

  it('serves the web client and answers unknown API routes with the error body', async () => {
    const page = await fetch(`${stack.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ticketing');
    const unknown = await fetch(`${stack.url}/api/nothing`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ errors: [{ message: 'Not found' }] });
  });

  it('stops on Ctrl-C and keeps the data for the next start', async () => {
    await stack.stop();
    expect(stack.output()).toMatch(/stopped/);
    expect(stack.output()).not.toMatch(/FATAL|ERROR/);
    stack = await startStack({ dataDir: stack.dataDir });
    const user = client(stack.url);
    const signin = await user('POST', '/api/users/signin', { email, password: 'correct horse' });
    expect(signin.status).toBe(200);
  });
});
