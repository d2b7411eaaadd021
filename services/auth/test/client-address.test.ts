import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuthApp, uniqueEmail, type AuthTestApp } from './support/auth-app';

// A client that reaches auth directly (not through the gateway) cannot choose the address its
// attempts are counted under by sending X-Forwarded-For: only a trusted proxy's header counts.
describe('the client address auth counts attempts under', () => {
  let auth: AuthTestApp;
  beforeAll(async () => { auth = await openAuthApp('postgres', { AUTH_RATE_LIMIT_PER_MINUTE: 10 }); });
  afterAll(() => auth?.close());

  const signin = (remoteAddress: string, forwardedFor: string) => auth.service.http.inject({
    method: 'POST', url: '/api/users/signin', remoteAddress, headers: { 'x-forwarded-for': forwardedFor },
    payload: { email: uniqueEmail(), password: 'correct horse battery' },
  });

  it('12 sign-ins straight from one outside address, each with another X-Forwarded-For: 429 after 10', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await signin('203.0.113.7', `198.51.100.${i + 1}`)).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Through the gateway (loopback, trusted) the forwarded address is the client: 12 clients, 12 budgets.
    const viaGateway: number[] = [];
    for (let i = 0; i < 12; i += 1) viaGateway.push((await signin('127.0.0.1', `192.0.2.${i + 1}`)).statusCode);
    expect(viaGateway).toEqual(Array(12).fill(400));
  });

  it('12 "Email in use" probes straight from one outside address, each with another X-Forwarded-For: 429 after 10', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const email = uniqueEmail();
      await auth.service.http.inject({ method: 'POST', url: '/api/users/signup', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': `192.0.2.${100 + i}` }, payload: { email, password: 'correct horse battery' } });
      const probe = await auth.service.http.inject({
        method: 'POST', url: '/api/users/signup', remoteAddress: '203.0.113.8', headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
        payload: { email, password: 'correct horse battery' },
      });
      statuses.push(probe.statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

});
