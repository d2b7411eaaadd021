// event:created → insert the event into the replica at version 0 (a duplicate has no effect).
import { consumer } from '@ticketing/common';
import { insertEvent } from '../db/events.repository';

export const eventCreated = consumer({
  subject: 'event:created',
  async handle({ data }, tx) {
    await insertEvent(tx, data);
  },
});
