import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@ticketing/common';
import { ticketsConfigSchema } from '../src/config';
import { capPercentFor, capViolation, parsePriceCaps, type PriceCaps } from '../src/domain/price-caps';

const parsed = (text: string): PriceCaps => {
  const result = parsePriceCaps(text);
  if (!('caps' in result)) throw new Error(result.error);
  return result.caps;
};

describe('RESALE_PRICE_CAPS', () => {
  it('the default is 120 % with 100 % in France, Belgium, Portugal, Norway and Ireland', () => {
    const { RESALE_PRICE_CAPS: caps } = loadConfig(ticketsConfigSchema, {});
    expect(caps).toEqual({ defaultPercent: 120, byCountry: { FR: 100, BE: 100, PT: 100, NO: 100, IE: 100 } });
    expect(capPercentFor(caps, 'FR')).toBe(100);
    expect(capPercentFor(caps, 'DE')).toBe(120);
    expect(capPercentFor(caps)).toBe(120);
  });

  it('ratios become whole percents exactly (1.15 → 115, not 114.99…), countries any case, spaces allowed', () => {
    expect(parsed(' default = 1.15 , es=1.05,it=2 ')).toEqual({ defaultPercent: 115, byCountry: { ES: 105, IT: 200 } });
  });

  it.each([
    ['', 'not a COUNTRY=ratio'],
    ['FR=1.0', 'default=ratio pair is required'],
    ['default=1.2,FR', 'not a COUNTRY=ratio'],
    ['default=1.2,FR=1.0=2', 'not a COUNTRY=ratio'],
    ['default=1.2,,FR=1.0', 'not a COUNTRY=ratio'],
    ['default=abc', 'not a ratio'],
    ['default=1.255', 'at most 2 decimals'],
    ['default=-1', 'not a ratio'],
    ['default=0', 'above 0'],
    ['default=11', 'at most 10'],
    ['default=1.2,FRA=1.0', 'two-letter country code'],
    ['default=1.2,F1=1.0', 'two-letter country code'],
    ['default=1.2,FR=1.0,fr=1.1', 'FR is given twice'],
    ['default=1.2,default=1.1', 'default is given twice'],
  ])('%j stops the process at start with a message naming RESALE_PRICE_CAPS (%s)', (value, reason) => {
    expect(() => loadConfig(ticketsConfigSchema, { RESALE_PRICE_CAPS: value })).toThrow(ConfigError);
    expect(() => loadConfig(ticketsConfigSchema, { RESALE_PRICE_CAPS: value })).toThrow(new RegExp(`RESALE_PRICE_CAPS: .*${reason}`));
  });

  it('EVENT_REPLICA_WAIT_MS defaults to 2 s and must be a whole number of milliseconds', () => {
    expect(loadConfig(ticketsConfigSchema, {}).EVENT_REPLICA_WAIT_MS).toBe(2000);
    expect(loadConfig(ticketsConfigSchema, { EVENT_REPLICA_WAIT_MS: '0' }).EVENT_REPLICA_WAIT_MS).toBe(0);
    expect(() => loadConfig(ticketsConfigSchema, { EVENT_REPLICA_WAIT_MS: 'soon' })).toThrow(/EVENT_REPLICA_WAIT_MS/);
  });
});

describe('the cap check in minor units', () => {
  it('exactly at the cap is allowed, one cent over is not, with the highest allowed price named', () => {
    expect(capViolation(3600, 3000, 120)).toBeNull();
    expect(capViolation(3601, 3000, 120)).toBe('price must be at most 120% of the face value (at most 36.00)');
    expect(capViolation(3000, 3000, 100)).toBeNull();
    expect(capViolation(3001, 3000, 100)).toBe('price must be at most 100% of the face value (at most 30.00)');
  });

  it('no floating point drift: 19.99 × 1.15 = 22.9885 allows 22.98, refuses 22.99', () => {
    expect(capViolation(2298, 1999, 115)).toBeNull();
    expect(capViolation(2299, 1999, 115)).toBe('price must be at most 115% of the face value (at most 22.98)');
  });
});
