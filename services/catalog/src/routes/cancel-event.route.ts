// POST /api/events/:id/cancel — its creator cancels the event; publishes event:cancelled (tickets
// withdraws its listings, orders cancels and refunds). Cancelling a cancelled event is a no-op.
import { Forbidden, NotFound, requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { lockEvent, markCancelled } from '../db/events.repository';
import { toEventJson } from '../domain/event-json';
import { eventCancelledData } from '../domain/event-messages';
import { isCancelled } from '../domain/event-rules';
import { isId } from '../domain/ids';

export function registerCancelEvent(app: HttpApp, db: Db): void {
  app.post('/api/events/:id/cancel', {
    onRequest: requireAuth,
    schema: { params: z.object({ id: z.string() }) },
  }, async (request) => {
    const user = requireUser(request);
    const { id } = request.params;
    if (!isId(id)) throw new NotFound('Event not found');
    const event = await db.transaction(async (tx) => {
      const current = await lockEvent(tx, id);
      if (!current) throw new NotFound('Event not found');
      if (current.userId !== user.id) throw new Forbidden('You did not create this event');
      if (isCancelled(current)) return current;
      const cancelled = await markCancelled(tx, id);
      await tx.publish('event:cancelled', eventCancelledData(cancelled));
      return cancelled;
    });
    return toEventJson(event);
  });
}
