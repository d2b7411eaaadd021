// event:created / event:updated / event:cancelled → the events replica, under the version rule:
// an update before its predecessor waits (NotReadyYet, retried), a duplicate changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { cancelledEvent, knownEvent, newEvent, replicaReaches, updatedEvent } from './support/catalog-events';
import { startTickets, type TicketsHarness } from './support/tickets-harness';

describe('the events replica', () => {
  let harness: TicketsHarness;
  beforeAll(async () => { harness = await startTickets({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  const replica = async (id: string) =>
    (await harness.database.db.query<{ name: string; country: string; status: string; version: number; starts_at: Date }>(
      'SELECT name, country, status, version, starts_at FROM events WHERE id = $1', [id]))[0];
  const handled = (eventId: string) =>
    waitFor(async () => (await harness.database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).length === 1, { what: 'event handled' });

  it('event:created inserts the event as catalog sent it', async () => {
    const event = newEvent({ name: 'Jazz Night', country: 'NO', startsAt: '2031-05-01T19:30:00+02:00' });
    await harness.publish('event:created', event);
    await replicaReaches(harness, event.id, 0);
    expect(await replica(event.id)).toEqual({
      name: 'Jazz Night', country: 'NO', status: 'scheduled', version: 0, starts_at: new Date('2031-05-01T17:30:00Z'),
    });
  });

  it('updates apply in version order: v2 before v1 waits, then both apply', async () => {
    const event = await knownEvent(harness);
    const v1 = updatedEvent(event, { name: 'Renamed once' });
    const v2 = updatedEvent(v1, { name: 'Renamed twice', country: 'PT' });
    await harness.publish('event:updated', v2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await replica(event.id)).toMatchObject({ name: 'Night Concert', version: 0 });
    await harness.publish('event:updated', v1);
    await replicaReaches(harness, event.id, 2);
    expect(await replica(event.id)).toMatchObject({ name: 'Renamed twice', country: 'PT', version: 2 });
  });

  it('an update before the event:created waits for it', async () => {
    const event = newEvent();
    await harness.publish('event:updated', updatedEvent(event, { venue: 'Olympia' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await replica(event.id)).toBeUndefined();
    await harness.publish('event:created', event);
    await replicaReaches(harness, event.id, 1);
    expect((await replica(event.id))?.version).toBe(1);
  });

  it('duplicates (an older or equal version, a created again) change nothing', async () => {
    const event = await knownEvent(harness);
    const v1 = updatedEvent(event, { name: 'Current' });
    await harness.publish('event:updated', v1);
    await replicaReaches(harness, event.id, 1);
    await handled((await harness.publish('event:updated', { ...v1, name: 'Same version, other name' })).id);
    await handled((await harness.publish('event:created', { ...event, name: 'Created again' })).id);
    expect(await replica(event.id)).toMatchObject({ name: 'Current', version: 1 });
  });

  it('event:cancelled follows the same rule: early waits, duplicate ignored', async () => {
    const event = await knownEvent(harness);
    const v1 = updatedEvent(event);
    const cancelled = cancelledEvent(v1);
    await harness.publish('event:cancelled', cancelled);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await replica(event.id)).toMatchObject({ status: 'scheduled', version: 0 });
    await harness.publish('event:updated', v1);
    await replicaReaches(harness, event.id, 2);
    expect(await replica(event.id)).toMatchObject({ status: 'cancelled', version: 2 });
    await handled((await harness.publish('event:cancelled', cancelled)).id);
    expect(await replica(event.id)).toMatchObject({ status: 'cancelled', version: 2 });
  });
});
