// event:created / event:updated / event:cancelled → the events replica (who organises it, its
// status), newest version wins: every catalog event carries the whole record.
import { consumer, type EventData } from '@ticketing/common';
import { upsertEvent } from '../db/replicas.repository';

type EventRecord = EventData<'event:created'> | EventData<'event:updated'> | EventData<'event:cancelled'>;

function keep(data: EventRecord) {
  return {
    id: data.id, organiserId: data.userId, name: data.name, venue: data.venue, city: data.city,
    startsAt: new Date(data.startsAt), status: data.status, version: data.version,
  };
}

export const eventCreated = consumer({ subject: 'event:created', handle: async ({ data }, tx) => upsertEvent(tx, keep(data)) });
export const eventUpdated = consumer({ subject: 'event:updated', handle: async ({ data }, tx) => upsertEvent(tx, keep(data)) });
export const eventCancelled = consumer({ subject: 'event:cancelled', handle: async ({ data }, tx) => upsertEvent(tx, keep(data)) });
