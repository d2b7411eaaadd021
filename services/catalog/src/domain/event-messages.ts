// The data of event:created / event:updated / event:cancelled (the whole record each time, so a
// replica is one upsert under the version rule).
import type { EventData } from '@ticketing/common';
import type { EventRow } from './event-json';

function record(event: EventRow) {
  return {
    id: event.id, name: event.name, venue: event.venue, city: event.city, country: event.country,
    startsAt: event.startsAt.toISOString(), userId: event.userId,
  };
}

export function eventCreatedData(event: EventRow): EventData<'event:created'> {
  return { ...record(event), version: 0, status: 'scheduled' };
}

export function eventUpdatedData(event: EventRow): EventData<'event:updated'> {
  return { ...record(event), version: event.version, status: 'scheduled' };
}

export function eventCancelledData(event: EventRow): EventData<'event:cancelled'> {
  return { ...record(event), version: event.version, status: 'cancelled' };
}
