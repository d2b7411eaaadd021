// PUT /api/events/:id — its creator edits a scheduled event (the whole body); publishes event:updated.
// Checks run in the contract's order: 401, 400 validation, 404, 403 not the creator, 400 cancelled.
import { BadRequest, Forbidden, NotFound, requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { lockEvent, updateDetails } from '../db/events.repository';
import { toEventJson } from '../domain/event-json';
import { eventUpdatedData } from '../domain/event-messages';
import { canEdit } from '../domain/event-rules';
import { isId } from '../domain/ids';
import { eventBody, startsAtOf } from './event-body';

export function registerUpdateEvent(app: HttpApp, deps: { db: Db; now: () => Date }): void {
  app.put('/api/events/:id', {
    onRequest: requireAuth,
    schema: { params: z.object({ id: z.string() }), body: eventBody(deps.now) },
  }, async (request) => {
    const user = requireUser(request);
    const { id } = request.params;
    if (!isId(id)) throw new NotFound('Event not found');
    const { name, venue, city, country } = request.body;
    const event = await deps.db.transaction(async (tx) => {
      const current = await lockEvent(tx, id);
      if (!current) throw new NotFound('Event not found');
      if (current.userId !== user.id) throw new Forbidden('You did not create this event');
      if (!canEdit(current)) throw new BadRequest('Cannot edit a cancelled event');
      const updated = await updateDetails(tx, id, { name, venue, city, country, startsAt: startsAtOf(request.body) });
      await tx.publish('event:updated', eventUpdatedData(updated));
      return updated;
    });
    return toEventJson(event);
  });
}
