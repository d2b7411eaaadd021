// The body of POST and PUT /api/tickets (api.md): title trimmed, 1–200 chars; price as money.
import { z } from 'zod';
import { priceSchema } from '../domain/money';

export const ticketBody = z.object({
  title: z.string({ error: (issue) => (issue.input === undefined ? 'title is required' : 'Title must be a string') })
    .trim()
    .min(1, { error: 'Title is required' })
    .max(200, { error: 'Title must be at most 200 characters' }),
  price: priceSchema,
});
