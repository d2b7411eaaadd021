// Whose X-Forwarded-For a service believes. request.ip keys auth's attempt limits (and appears in
// logs), so a header from anyone would let a client pick its own address: only the proxies named in
// TRUST_PROXY may say who the client is. Default: loopback only — the gateway, which runs on the
// same machine (embedded and infra mode) and overwrites X-Forwarded-For with the address it saw.
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config';

/** Fastify's `trustProxy`: false (nobody), addresses/CIDRs (and proxy-addr's names), or a hop count as a function. */
export type TrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

export const defaultTrustProxy = 'loopback';

// proxy-addr's names for address ranges: loopback 127.0.0.1/8 + ::1/128, linklocal, uniquelocal.
const rangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);
const addressOrCidr = /^(?:[0-9.]+|[0-9a-f:.]+)(?:\/\d{1,3})?$/i;

/**
 * TRUST_PROXY: `false` (no proxy: the socket's address is the client), a hop count (`1`: the one
 * proxy in front, as behind a Kubernetes ingress whose address is not fixed), or a comma-separated
 * list of addresses and CIDRs (`loopback,10.0.0.0/8`). `true` trusts anyone and exists only to say
 * so explicitly; never set it where clients can reach the service directly.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return (_address, hop) => hop < hops;
  }
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.find((entry) => !rangeNames.has(entry) && !addressOrCidr.test(entry));
  if (!entries.length || bad !== undefined) {
    throw new ConfigError(`TRUST_PROXY: expected false, a hop count or a list of addresses/CIDRs, got "${bad ?? value}"`);
  }
  return entries;
}

/** The variable, for a process's config schema. */
export function trustProxyShape() {
  return { TRUST_PROXY: z.string().min(1).default(defaultTrustProxy) };
}

/**
 * From the environment. The kernel's HTTP factory reads it when its caller passes none, so every
 * service process has it without each config.ts listing it.
 */
export function trustProxyFromEnv(source: Record<string, string | undefined> = process.env): TrustProxy {
  return parseTrustProxy(loadConfig(z.object(trustProxyShape()), source).TRUST_PROXY);
}
