// Races of issue 15: an event edited, or cancelled, while listings are created for it. A listing
// reads the event once under a share lock, so it is checked against one version, and the event's
// change waits for listings in flight and then covers them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelledEvent, knownEvent, replicaReaches, updatedEvent } from './support/catalog-events';
import { startTickets, type TicketsHarness } from './support/tickets-harness';

describe('an event changing while listings are created for it', () => {
  let harness: TicketsHarness;
  beforeAll(async () => { harness = await startTickets({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const post = (cookie: string, payload: object) =>
    harness.service.http.inject({ method: 'POST', url: '/api/tickets', headers: { cookie }, payload });
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Starts listing `index` at index × 4 ms, so listings are in flight over the whole change. */
  const staggered = (count: number, body: (index: number) => object, cookie: string) =>
    Array.from({ length: count }, async (_, index) => { await pause(index * 4); return post(cookie, body(index)); });

  it('edited during 60 listings (FR → DE, a new date): each listing is checked against one version, and all follow the new date', async () => {
    const seller = await harness.sessions.newUser();
    const day = 86_400_000;
    const before = await knownEvent(harness, { country: 'FR', startsAt: new Date(Date.now() + 10 * day).toISOString() });
    const after = updatedEvent(before, { country: 'DE', city: 'Berlin', startsAt: new Date(Date.now() + 20 * day).toISOString() });
    // Half at the face value (fine under either version), half at 110 % (only under DE's 120 %).
    const listings = staggered(60, (index) => ({ title: `Race ${index}`, price: index % 2 ? 22 : 20, eventId: before.id, faceValue: 20 }), seller.cookie);
    await pause(120);
    await harness.publish('event:updated', after);
    const responses = await Promise.all(listings);
    await replicaReaches(harness, before.id, 1);

    for (const response of responses) {
      expect([201, 400]).toContain(response.statusCode);
      if (response.statusCode === 400) {
        // Refused only by France's cap: that listing saw the FR version, whole.
        expect(response.json()).toEqual({ errors: [{ field: 'price', message: 'price must be at most 100% of the face value (at most 20.00)' }] });
      } else {
        const ticket = response.json();
        expect([100, 120]).toContain(ticket.capPercent);
        if (ticket.price === 22) expect(ticket.capPercent).toBe(120);
      }
    }
    const created = responses.filter((response) => response.statusCode === 201).map((response) => response.json().id as string);
    const rows = await harness.database.db.query<{ id: string; event_starts_at: Date }>(
      'SELECT id, event_starts_at FROM tickets WHERE event_id = $1', [before.id]);
    expect(rows.map((row) => row.id).sort()).toEqual([...created].sort());
    // A listing that read the old version committed before the update applied, so the update moved
    // it: none keeps the old date in the startsAt sort.
    for (const row of rows) expect(row.event_starts_at.toISOString()).toBe(new Date(after.startsAt).toISOString());
  });

  it('cancelled during 60 listings: each is either refused as cancelled or withdrawn; none stays for sale', async () => {
    const seller = await harness.sessions.newUser();
    const event = await knownEvent(harness, { country: 'DE' });
    const listings = staggered(60, (index) => ({ title: `Doomed ${index}`, price: 20, eventId: event.id, faceValue: 20 }), seller.cookie);
    await pause(120);
    await harness.publish('event:cancelled', cancelledEvent(event));
    const responses = await Promise.all(listings);
    await replicaReaches(harness, event.id, 1);

    for (const response of responses) {
      if (response.statusCode === 400) expect(response.json()).toEqual({ errors: [{ field: 'eventId', message: 'Event is cancelled' }] });
      else expect(response.statusCode).toBe(201);
    }
    const [row] = await harness.database.db.query<{ listed: number; withdrawn: number }>(
      'SELECT count(*)::int AS listed, count(*) FILTER (WHERE withdrawn)::int AS withdrawn FROM tickets WHERE event_id = $1', [event.id]);
    expect(row).toEqual({ listed: responses.filter((response) => response.statusCode === 201).length, withdrawn: row!.listed });
    const available = await harness.service.http.inject({ url: `/api/tickets?eventId=${event.id}` });
    expect(available.json()).toEqual([]);
  });
});
