import { describe, expect, it } from 'vitest';
import { capBadgeText, capPercentFor, maxPriceFor } from '../lib/price-cap';
import { orderStatusLabel, orderStatusTone } from '../lib/order-status';
import { queryString, singleParam } from '../lib/query-string';
import { eventsPath } from '../lib/events-path';
import { formatAvailability, formatEventDate } from '../lib/format';
import { isoToLocalInput, localInputToIso } from '../lib/datetime-local';
import { moneyValue } from '../lib/money-input';

describe('price caps', () => {
  it('takes the country\'s cap as tickets publishes it, else the default', () => {
    const caps = { default: 120, countries: { FR: 100, DE: 110 } };
    expect(capPercentFor(caps, 'NL')).toBe(120);
    expect(capPercentFor(caps, undefined)).toBe(120);
    expect(capPercentFor(caps, 'fr')).toBe(100);
    expect(capPercentFor(caps, 'DE')).toBe(110);
  });
  it('rounds the highest price down to a cent, without float error', () => {
    expect(maxPriceFor(50, 120)).toBe(60);
    expect(maxPriceFor(19.99, 120)).toBe(23.98);
    expect(maxPriceFor(0.55, 110)).toBe(0.6);
    expect(maxPriceFor(33.33, 100)).toBe(33.33);
  });
  it('names the cap on the badge', () => {
    expect(capBadgeText(120)).toBe('≤ 120 % of face value');
  });
});

describe('order status in words', () => {
  it('keeps the seed statuses as the API says them', () => {
    for (const status of ['created', 'awaiting:payment', 'complete', 'cancelled'] as const) {
      expect(orderStatusLabel({ status })).toBe(status);
    }
  });
  it('says when the event being cancelled ended the order', () => {
    expect(orderStatusLabel({ status: 'refunded', cancelReason: 'event-cancelled' })).toBe('Refunded — event cancelled');
    expect(orderStatusLabel({ status: 'cancelled', cancelReason: 'event-cancelled' })).toBe('Cancelled — event cancelled');
    expect(orderStatusLabel({ status: 'refunded' })).toBe('Refunded');
  });
  it('colours ended orders muted and paid ones ok', () => {
    expect(orderStatusTone('refunded')).toBe('muted');
    expect(orderStatusTone('complete')).toBe('ok');
    expect(orderStatusTone('awaiting:payment')).toBe('pending');
  });
});

describe('query strings', () => {
  it('leaves out empty and missing parameters and encodes the rest', () => {
    expect(queryString({ q: ' rock  & roll ', city: '', after: undefined, limit: 8 })).toBe('?q=rock++%26+roll&limit=8');
    expect(queryString({ q: '   ' })).toBe('');
  });
  it('builds the events path the catalog expects', () => {
    expect(eventsPath({})).toBe('/api/events');
    expect(eventsPath({ q: 'jazz', city: 'Den Haag', after: 'c1' })).toBe('/api/events?q=jazz&city=Den+Haag&after=c1');
  });
  it('reads one value of a page parameter', () => {
    expect(singleParam(['a', 'b'])).toBe('a');
    expect(singleParam('')).toBeUndefined();
    expect(singleParam(undefined)).toBeUndefined();
  });
});

describe('event dates and availability', () => {
  it('formats an event date with its zone named', () => {
    expect(formatEventDate('2027-06-12T20:00:00Z', 'UTC')).toBe('Sat, Jun 12, 2027, 8:00 PM UTC');
    expect(formatEventDate('not a date')).toBe('not a date');
  });
  it('counts what is on sale', () => {
    expect(formatAvailability(0)).toBe('No tickets yet');
    expect(formatAvailability(1)).toBe('1 ticket available');
    expect(formatAvailability(12)).toBe('12 tickets available');
  });
  it('turns a datetime-local value into an instant and back', () => {
    const iso = localInputToIso('2027-06-12T20:00');
    expect(iso).toBe(new Date(2027, 5, 12, 20, 0).toISOString());
    expect(isoToLocalInput(iso!)).toBe('2027-06-12T20:00');
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('12/06/2027 20:00')).toBeNull();
    expect(isoToLocalInput('nope')).toBe('');
  });
});

describe('money inputs', () => {
  it('sends a well-formed amount as a number, anything else as typed, and nothing for an empty field', () => {
    expect(moneyValue('$12.50')).toBe(12.5);
    expect(moneyValue(' 60 ')).toBe(60);
    expect(moneyValue('12,50')).toBe('12,50');
    expect(moneyValue('   ')).toBeUndefined();
  });
});
