// POST /api/events — a signed-in user creates an event; publishes event:created.
import { requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { insertEvent } from '../db/events.repository';
import { toEventJson } from '../domain/event-json';
import { eventCreatedData } from '../domain/event-messages';
import { eventBody, startsAtOf } from './event-body';

export function registerCreateEvent(app: HttpApp, deps: { db: Db; now: () => Date }): void {
  app.post('/api/events', { onRequest: requireAuth, schema: { body: eventBody(deps.now) } }, async (request, reply) => {
    const user = requireUser(request);
    const { name, venue, city, country } = request.body;
    const event = await deps.db.transaction(async (tx) => {
      const created = await insertEvent(tx, { name, venue, city, country, startsAt: startsAtOf(request.body), userId: user.id });
      await tx.publish('event:created', eventCreatedData(created));
      return created;
    });
    return reply.code(201).send(toEventJson(event));
  });
}
