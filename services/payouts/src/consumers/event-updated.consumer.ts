// event:updated → the events replica, and what it means for the event's held sales (workflows/follow-event.ts).
import { consumer } from '@ticketing/common';
import { followEvent } from '../workflows/follow-event';
import type { PayoutsContext } from '../workflows/payouts-context';

export const eventUpdated = (ctx: PayoutsContext) => consumer({
  subject: 'event:updated',
  handle: ({ data }, tx) => followEvent(tx, ctx, data),
});
