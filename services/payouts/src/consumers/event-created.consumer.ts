// event:created → the events replica, and what it means for the event's held sales (workflows/follow-event.ts).
import { consumer } from '@ticketing/common';
import { followEvent } from '../workflows/follow-event';
import type { PayoutsContext } from '../workflows/payouts-context';

export const eventCreated = (ctx: PayoutsContext) => consumer({
  subject: 'event:created',
  handle: ({ data }, tx) => followEvent(tx, ctx, data),
});
