// Catalog's events as tickets receives them: builders for event:created / updated / cancelled data
// and a way to wait until the replica holds a version.
import type { EventData } from '@ticketing/common';
import { waitFor } from '@ticketing/common/testing/index';
import type { TicketsHarness } from './tickets-harness';

export type EventRecord = EventData<'event:created'> | EventData<'event:updated'> | EventData<'event:cancelled'>;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A scheduled event a month from now, in `country` (default FR). */
export function newEvent(overrides: Partial<EventData<'event:created'>> = {}): EventData<'event:created'> {
  return {
    id: crypto.randomUUID(), version: 0, name: 'Night Concert', venue: 'Zenith', city: 'Paris', country: 'FR',
    startsAt: inDays(30), status: 'scheduled', userId: crypto.randomUUID(), ...overrides,
  };
}

/** The next version of the event with some fields changed. */
export function updatedEvent(event: EventRecord, changes: Partial<EventData<'event:updated'>> = {}): EventData<'event:updated'> {
  return { ...event, version: event.version + 1, status: 'scheduled', ...changes };
}

export function cancelledEvent(event: EventRecord): EventData<'event:cancelled'> {
  return { ...event, version: event.version + 1, status: 'cancelled' };
}

/** Resolves once the replica holds the event at `version` or later. */
export async function replicaReaches(harness: TicketsHarness, eventId: string, version: number): Promise<void> {
  await waitFor(async () => {
    const [row] = await harness.database.db.query<{ version: number }>('SELECT version FROM events WHERE id = $1', [eventId]);
    return row !== undefined && row.version >= version;
  }, { what: `event ${eventId} at version ${version}` });
}

/** Publishes event:created and waits until the replica has it. */
export async function knownEvent(harness: TicketsHarness, overrides: Partial<EventData<'event:created'>> = {}): Promise<EventData<'event:created'>> {
  const event = newEvent(overrides);
  await harness.publish('event:created', event);
  await replicaReaches(harness, event.id, 0);
  return event;
}
