// The body of POST and PUT /api/tickets (api.md): title trimmed, 1–200 chars; price as money.
import { z } from 'zod';
import { priceSchema } from '../domain/money';

export const ticketBody = z.object({
  title: z.string({ error: (issue) => (issue.input === undefined ? 'title is required' : 'Title must be a string') })
    .trim()
    .min(1, { error: 'Title is required' })
    .max(200, { error: 'Title must be at most 200 characters' })
    // PostgreSQL text cannot store NUL: refuse it here rather than fail the INSERT with a 500.
    .refine((title) => !title.includes('\u0000'), { error: 'Title must not contain NUL characters' }),
  price: priceSchema,
});
