// The body of POST and PUT /api/events: name and venue 1–200 characters after trim, city 1–100,
// country two letters (stored upper-case), startsAt an ISO-8601 instant with a zone, in the future.
import { z } from 'zod';
import { parseInstant } from '../domain/instant';

const text = (field: string, max: number) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .trim()
    .min(1, { error: `${field} is required` })
    .max(max, { error: `${field} must be at most ${max} characters` })
    // PostgreSQL text cannot store NUL: refuse it here rather than fail the INSERT with a 500.
    .refine((value) => !value.includes('\u0000'), { error: `${field} must not contain NUL characters` });

/** `now`: the clock "in the future" is judged by (read at every request). */
export function eventBody(now: () => Date) {
  return z.object({
    name: text('name', 200),
    venue: text('venue', 200),
    city: text('city', 100),
    country: z.string({ error: (issue) => (issue.input === undefined ? 'country is required' : 'country must be a string') })
      .trim()
      .regex(/^[A-Za-z]{2}$/, { error: 'country must be a two-letter country code (ISO 3166-1 alpha-2)' })
      .transform((country) => country.toUpperCase()),
    startsAt: z.string({ error: (issue) => (issue.input === undefined ? 'startsAt is required' : 'startsAt must be a string') })
      .superRefine((startsAt, context) => {
        const instant = parseInstant(startsAt);
        if (!instant) {
          context.addIssue({ code: 'custom', message: 'startsAt must be an ISO-8601 date and time with a time zone, e.g. 2030-06-01T20:00:00+02:00' });
        } else if (instant.getTime() <= now().getTime()) {
          context.addIssue({ code: 'custom', message: 'startsAt must be in the future' });
        }
      }),
  });
}

export type EventBody = z.infer<ReturnType<typeof eventBody>>;

/** The instant to store: millisecond precision, as every event message and JSON carries it. */
export function startsAtOf(body: EventBody): Date {
  return new Date(body.startsAt);
}
