// POST /api/tickets with eventId and faceValue (issue 15): the event replica, the per-country cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@ticketing/common';
import { ticketsConfigSchema } from '../src/config';
import { cancelledEvent, knownEvent, newEvent, replicaReaches } from './support/catalog-events';
import { startTickets, type TicketsHarness } from './support/tickets-harness';

const post = (harness: TicketsHarness, payload: unknown, cookie?: string) =>
  harness.service.http.inject({ method: 'POST', url: '/api/tickets', headers: cookie ? { cookie } : {}, payload: payload as object });

/** Rows the service wrote: a refused listing must leave both unchanged. */
async function written(harness: TicketsHarness): Promise<{ tickets: number; outbox: number }> {
  const [row] = await harness.database.db.query<{ tickets: number; outbox: number }>(
    'SELECT (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM outbox)::int AS outbox');
  return row!;
}

describe('POST /api/tickets for an event', () => {
  let harness: TicketsHarness;
  // A short wait keeps the "unknown event" cases quick; one test below relies on it being 1 s.
  beforeAll(async () => { harness = await startTickets({ bus: 'memory', config: { EVENT_REPLICA_WAIT_MS: 1000 } }); });
  afterAll(() => harness.close());

  it('lists for an event: 201 with eventId, faceValue and capPercent; ticket:created carries them', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness, { country: 'DE' });
    const response = await post(harness, { title: 'Block A', price: 36, eventId: event.id, faceValue: '30' }, seller.cookie);
    expect(response.statusCode).toBe(201);
    const ticket = response.json();
    expect(ticket).toEqual({
      id: expect.any(String), title: 'Block A', price: 36, userId: seller.id, version: 0, reserved: false,
      eventId: event.id, faceValue: 30, capPercent: 120,
    });
    const published = await harness.waitForEvent('ticket:created', (data) => data.id === ticket.id);
    expect(published.data).toEqual({
      id: ticket.id, version: 0, title: 'Block A', price: 36, userId: seller.id, eventId: event.id, faceValue: 30, capPercent: 120, withdrawn: false,
    });
    const shown = await harness.service.http.inject({ url: `/api/tickets/${ticket.id}` });
    expect(shown.json()).toEqual({ ...ticket });
  });

  it('France caps at 100 %: the face value is allowed, one cent more is a 400 on price naming the cap', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness, { country: 'FR' });
    const ok = await post(harness, { title: 'Fosse', price: 45.5, eventId: event.id, faceValue: 45.5 }, seller.cookie);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().capPercent).toBe(100);
    const before = await written(harness);
    const over = await post(harness, { title: 'Fosse', price: 45.51, eventId: event.id, faceValue: 45.5 }, seller.cookie);
    expect(over.statusCode).toBe(400);
    expect(over.json()).toEqual({ errors: [{ field: 'price', message: 'price must be at most 100% of the face value (at most 45.50)' }] });
    expect(await written(harness)).toEqual(before);
  });

  it('Germany has no cap of its own: the default 120 %, exactly at the cap ok, one cent over refused', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness, { country: 'DE' });
    expect((await post(harness, { title: 'Rang', price: 23.99, eventId: event.id, faceValue: 19.99 }, seller.cookie)).statusCode).toBe(400);
    const atCap = await post(harness, { title: 'Rang', price: 23.98, eventId: event.id, faceValue: 19.99 }, seller.cookie);
    expect(atCap.statusCode).toBe(201);
    expect(atCap.json()).toMatchObject({ price: 23.98, faceValue: 19.99, capPercent: 120 });
    const over = await post(harness, { title: 'Rang', price: 36.01, eventId: event.id, faceValue: 30 }, seller.cookie);
    expect(over.json().errors).toEqual([{ field: 'price', message: 'price must be at most 120% of the face value (at most 36.00)' }]);
  });

  it('below the face value is always allowed', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness, { country: 'IE' });
    expect((await post(harness, { title: 'Cheap', price: 0.5, eventId: event.id, faceValue: 80 }, seller.cookie)).statusCode).toBe(201);
  });

  it('a face value without an event takes the default cap', async () => {
    const seller = await harness.sessions.newUser();
    const ok = await post(harness, { title: 'Loose', price: 12, faceValue: 10 }, seller.cookie);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ id: expect.any(String), title: 'Loose', price: 12, userId: seller.id, version: 0, reserved: false, faceValue: 10, capPercent: 120 });
    const published = await harness.waitForEvent('ticket:created', (data) => data.id === ok.json().id);
    expect(published.data).toEqual({ id: ok.json().id, version: 0, title: 'Loose', price: 12, userId: seller.id, faceValue: 10, capPercent: 120 });
    const over = await post(harness, { title: 'Loose', price: 12.01, faceValue: 10 }, seller.cookie);
    expect(over.json().errors).toEqual([{ field: 'price', message: 'price must be at most 120% of the face value (at most 12.00)' }]);
  });

  it('the seed body {title, price} still lists with exactly the old JSON and event', async () => {
    const seller = await harness.sessions.newUser();
    const response = await post(harness, { title: 'Seed', price: 1000 }, seller.cookie);
    expect(response.json()).toEqual({ id: expect.any(String), title: 'Seed', price: 1000, userId: seller.id, version: 0, reserved: false });
    const published = await harness.waitForEvent('ticket:created', (data) => data.id === response.json().id);
    expect(published.data).toEqual({ id: response.json().id, version: 0, title: 'Seed', price: 1000, userId: seller.id });
  });

  it('an event the replica has not seen yet is waited for: published shortly after the request, the listing succeeds', async () => {
    const seller = await harness.sessions.newUser();
    const event = newEvent({ country: 'BE' });
    const request = post(harness, { title: 'Just created', price: 20, eventId: event.id, faceValue: 20 }, seller.cookie);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await harness.publish('event:created', event);
    const response = await request;
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ eventId: event.id, capPercent: 100 });
  });

  it('an event never seen: 400 "Unknown event" on eventId after the wait, nothing written', async () => {
    const seller = await harness.sessions.newUser();
    const before = await written(harness);
    const started = Date.now();
    const response = await post(harness, { title: 'Ghost', price: 20, eventId: crypto.randomUUID(), faceValue: 20 }, seller.cookie);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ errors: [{ field: 'eventId', message: 'Unknown event' }] });
    expect(await written(harness)).toEqual(before);
  });

  it('an event id in upper case is the same event', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness);
    const response = await post(harness, { title: 'Caps', price: 20, eventId: event.id.toUpperCase(), faceValue: 20 }, seller.cookie);
    expect(response.statusCode).toBe(201);
    expect(response.json().eventId).toBe(event.id);
  });

  it('an event that has already started: 400 on eventId, nothing written', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness, { startsAt: new Date(Date.now() - 60_000).toISOString() });
    const before = await written(harness);
    const response = await post(harness, { title: 'Late', price: 20, eventId: event.id, faceValue: 20 }, seller.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ errors: [{ field: 'eventId', message: 'Event has already started' }] });
    expect(await written(harness)).toEqual(before);
  });

  it('a cancelled event: 400 on eventId, nothing written', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness);
    await harness.publish('event:cancelled', cancelledEvent(event));
    await replicaReaches(harness, event.id, 1);
    const before = await written(harness);
    const response = await post(harness, { title: 'Off', price: 20, eventId: event.id, faceValue: 20 }, seller.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ errors: [{ field: 'eventId', message: 'Event is cancelled' }] });
    expect(await written(harness)).toEqual(before);
  });

  // "Bad input and races" (issue 15): every one a 400 naming its field, never a 5xx, nothing written.
  const someEvent = crypto.randomUUID();
  it.each([
    ['eventId without faceValue', { title: 'x', price: 10, eventId: someEvent }, 'faceValue'],
    ['a face value of 0', { title: 'x', price: 10, faceValue: 0 }, 'faceValue'],
    ['a negative face value', { title: 'x', price: 10, faceValue: -20 }, 'faceValue'],
    ['a face value with 3 decimals', { title: 'x', price: 10, faceValue: 10.005 }, 'faceValue'],
    ['a face value over the chargeable maximum', { title: 'x', price: 10, faceValue: 1_000_000 }, 'faceValue'],
    ['a face value that is not a number', { title: 'x', price: 10, faceValue: 'ten' }, 'faceValue'],
    ['a null face value', { title: 'x', price: 10, faceValue: null }, 'faceValue'],
    ['a malformed eventId', { title: 'x', price: 10, eventId: 'not-an-id', faceValue: 10 }, 'eventId'],
    ['an SQL-looking eventId', { title: 'x', price: 10, eventId: "'; DROP TABLE events; --", faceValue: 10 }, 'eventId'],
    ['a numeric eventId', { title: 'x', price: 10, eventId: 42, faceValue: 10 }, 'eventId'],
    ['a null eventId', { title: 'x', price: 10, eventId: null, faceValue: 10 }, 'eventId'],
    ['a price above the cap (no event)', { title: 'x', price: 12.01, faceValue: 10 }, 'price'],
  ])('%s → 400 on %s', async (_case, payload, field) => {
    const seller = await harness.sessions.newUser();
    const before = await written(harness);
    const response = await post(harness, payload, seller.cookie);
    expect(response.statusCode).toBe(400);
    const errors = response.json().errors as Array<{ message: string; field?: string }>;
    expect(errors.map((error) => error.field)).toContain(field);
    for (const error of errors) expect(error.message).toEqual(expect.any(String));
    expect(await written(harness)).toEqual(before);
  });

  it('a bad title and a missing face value: one error per field', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness, { country: 'PT' });
    const response = await post(harness, { title: '', price: 10, eventId: event.id }, seller.cookie);
    expect(response.json().errors.map((error: { field: string }) => error.field).sort()).toEqual(['faceValue', 'title']);
  });

  it('signed out: 401 before anything else (no wait for an unknown event)', async () => {
    const started = Date.now();
    const response = await post(harness, { title: 'x', price: 10, eventId: crypto.randomUUID(), faceValue: 10 });
    expect(response.statusCode).toBe(401);
    expect(Date.now() - started).toBeLessThan(900);
  });
});

describe('POST /api/tickets with custom RESALE_PRICE_CAPS', () => {
  let harness: TicketsHarness;
  beforeAll(async () => {
    const config = loadConfig(ticketsConfigSchema, { RESALE_PRICE_CAPS: 'default=1.5,FR=1.1,ES=1.0' });
    harness = await startTickets({ bus: 'memory', config });
  });
  afterAll(() => harness.close());

  it.each([
    ['FR', 110, 33, 33.01],
    ['ES', 100, 30, 30.01],
    ['DE', 150, 45, 45.01],
  ])('%s caps at %d %%: %d allowed, %d refused', async (country, capPercent, allowed, refused) => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness, { country });
    const ok = await post(harness, { title: 'Seat', price: allowed, eventId: event.id, faceValue: 30 }, seller.cookie);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().capPercent).toBe(capPercent);
    const over = await post(harness, { title: 'Seat', price: refused, eventId: event.id, faceValue: 30 }, seller.cookie);
    expect(over.json()).toEqual({
      errors: [{ field: 'price', message: `price must be at most ${capPercent}% of the face value (at most ${allowed.toFixed(2)})` }],
    });
  });

  it('GET /api/tickets/price-caps publishes the caps in force, as percents, to anyone', async () => {
    const response = await harness.service.http.inject({ method: 'GET', url: '/api/tickets/price-caps' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ default: 150, countries: { FR: 110, ES: 100 } });
  });

  it('a listing without an event takes the custom default', async () => {
    const seller = await harness.sessions.newUser();
    const ok = await post(harness, { title: 'Seat', price: 15, faceValue: 10 }, seller.cookie);
    expect(ok.json().capPercent).toBe(150);
  });
});
