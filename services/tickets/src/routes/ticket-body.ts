// The bodies of POST and PUT /api/tickets (api.md, docs/events-and-price-caps.md): title trimmed,
// 1–200 chars; price and faceValue as money; eventId an id. Listing for an event needs the
// ticket's face value (the cap is a share of it); an edit keeps the stored one unless given.
import { z } from 'zod';
import { faceValueSchema, priceSchema } from '../domain/money';

const fields = {
  title: z.string({ error: (issue) => (issue.input === undefined ? 'title is required' : 'Title must be a string') })
    .trim()
    .min(1, { error: 'Title is required' })
    .max(200, { error: 'Title must be at most 200 characters' })
    // PostgreSQL text cannot store NUL: refuse it here rather than fail the INSERT with a 500.
    .refine((title) => !title.includes('\u0000'), { error: 'Title must not contain NUL characters' }),
  price: priceSchema,
  // Lower-cased so that the same id in either case is the same event (PostgreSQL prints lower case).
  eventId: z.uuid({ error: 'eventId must be a valid id' }).toLowerCase().optional(),
  faceValue: faceValueSchema.optional(),
};

export const ticketBody = z.object(fields);

export const createTicketBody = z.object(fields).superRefine((body, context) => {
  if (body.eventId !== undefined && body.faceValue === undefined) {
    context.addIssue({ code: 'custom', path: ['faceValue'], message: 'faceValue is required with eventId' });
  }
});
