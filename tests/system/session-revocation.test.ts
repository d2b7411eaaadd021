import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { startStack, type StackProcess } from '../support/stack-process';

// A session cookie captured before sign-out (a shared computer, a stolen token) is refused by
// every service once its owner signs out, and every one of the user's sessions once they sign out
// everywhere: black-box through the gateway, in embedded mode (one process, the in-process bus)
// and in infra mode (a process per service, RabbitMQ).
describe.each([
  { mode: 'embedded', script: 'start', env: { TICKETING_WEB: 'false' } },
  { mode: 'infra', script: 'start:infra', env: {} as Record<string, string> },
])('revoked sessions through the gateway ($mode)', ({ script, env }) => {
  let stack: StackProcess;
  beforeAll(async () => { stack = await startStack({ script, env: { ...env, AUTH_RATE_LIMIT_PER_MINUTE: '1000' } }); }, 300_000);
  afterAll(async () => { await stack?.stop(); stack?.cleanup(); });

  const call = async (method: string, path: string, cookie?: string, body?: unknown) => {
    const res = await fetch(stack.url + path, {
      method, headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const cookieSet = res.headers.get('set-cookie')?.split(';')[0];
    return { status: res.status, cookie: cookieSet, body: await res.text() };
  };
  const signUp = async (email: string) => (await call('POST', '/api/users/signup', undefined, { email, password: 'correct horse' })).cookie!;
  const signIn = async (email: string) => (await call('POST', '/api/users/signin', undefined, { email, password: 'correct horse' })).cookie!;
  /** One signed-in request to each service behind the gateway, and what it answered. */
  const everyService = async (cookie: string) => ({
    auth: JSON.parse((await call('GET', '/api/users/currentuser', cookie)).body).currentUser === null ? 401 : 200,
    tickets: (await call('POST', '/api/tickets', cookie, { title: '', price: 10 })).status === 401 ? 401 : 200,
    orders: (await call('GET', '/api/orders', cookie)).status,
    payments: (await call('POST', '/api/payments', cookie, { orderId: randomUUID(), token: 'tok_visa' })).status === 401 ? 401 : 200,
  });
  const signedOutEverywhere = { auth: 401, tickets: 401, orders: 401, payments: 401 };
  const signedInEverywhere = { auth: 200, tickets: 200, orders: 200, payments: 200 };
  const withinASecond = { timeoutMs: 1_500, intervalMs: 50 };

  it('after sign-out the old cookie on GET /api/orders is 401 (and on every other service); another session is not', async () => {
    const email = `revoked-${randomUUID()}@example.com`;
    const captured = await signUp(email);
    const elsewhere = await signIn(email);
    expect((await call('GET', '/api/orders', captured)).status).toBe(200);
    expect((await call('POST', '/api/users/signout', captured)).status).toBe(200);
    await waitFor(async () => (await call('GET', '/api/orders', captured)).status === 401, { ...withinASecond, what: 'orders refusing the old cookie' });
    await waitFor(async () => JSON.stringify(await everyService(captured)) === JSON.stringify(signedOutEverywhere),
      { ...withinASecond, what: 'every service refusing the old cookie' });
    expect(await everyService(elsewhere)).toEqual(signedInEverywhere);
  });

  it('after sign-out-everywhere all the user\'s old cookies are 401 on every service; a new sign-in works', async () => {
    const email = `everywhere-${randomUUID()}@example.com`;
    const cookies = [await signUp(email), await signIn(email), await signIn(email)];
    const bystander = await signUp(`bystander-${randomUUID()}@example.com`);
    for (const cookie of cookies) expect(await everyService(cookie)).toEqual(signedInEverywhere);
    expect((await call('POST', '/api/users/signout-all', cookies[1])).status).toBe(200);
    for (const cookie of cookies) {
      await waitFor(async () => JSON.stringify(await everyService(cookie)) === JSON.stringify(signedOutEverywhere),
        { ...withinASecond, what: 'every service refusing an old cookie' });
    }
    expect(await everyService(bystander)).toEqual(signedInEverywhere);
    expect(await everyService(await signIn(email))).toEqual(signedInEverywhere);
  });
});
