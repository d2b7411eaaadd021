import { describe, expect, it } from 'vitest';
import { createHttpApp, createRegistry, parseTrustProxy, silentLogger, trustProxyFromEnv } from '../src/index';

describe('TRUST_PROXY', () => {
  it('defaults to loopback only', () => {
    expect(trustProxyFromEnv({})).toEqual(['loopback']);
  });

  it('takes false, a hop count or a list of addresses and CIDRs', () => {
    expect(parseTrustProxy('false')).toBe(false);
    const oneHop = parseTrustProxy('1') as (address: string, hop: number) => boolean;
    expect([oneHop('10.0.0.1', 0), oneHop('10.0.0.2', 1)]).toEqual([true, false]);
    expect(parseTrustProxy('loopback, 10.0.0.0/8,fd00::/8')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => parseTrustProxy('the gateway')).toThrow(/TRUST_PROXY/);
  });

  it("a service believes X-Forwarded-For only from a configured proxy's address (default: loopback)", async () => {
    const ipSeenFrom = async (trustProxy: ReturnType<typeof trustProxyFromEnv> | undefined, remoteAddress: string) => {
      const app = await createHttpApp({ name: 't', logger: silentLogger(), registry: createRegistry('t', false), readiness: async () => undefined, trustProxy });
      app.get('/ip', async (request) => ({ ip: request.ip }));
      const { ip } = (await app.inject({ url: '/ip', remoteAddress, headers: { 'x-forwarded-for': '198.51.100.9' } })).json();
      await app.close();
      return ip;
    };
    expect(await ipSeenFrom(undefined, '127.0.0.1')).toBe('198.51.100.9');
    expect(await ipSeenFrom(undefined, '203.0.113.7')).toBe('203.0.113.7');
    const cidr = trustProxyFromEnv({ TRUST_PROXY: '10.0.0.0/8' });
    expect(await ipSeenFrom(cidr, '10.1.2.3')).toBe('198.51.100.9');
    expect(await ipSeenFrom(cidr, '127.0.0.1')).toBe('127.0.0.1');
  });
});
