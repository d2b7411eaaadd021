// The tickets process's environment: the shared variables plus the resale price caps and how long
// a listing waits for an event its replica has not seen yet.
import { z } from 'zod';
import { baseConfigShape } from '@ticketing/common';
import { DEFAULT_RESALE_PRICE_CAPS, parsePriceCaps } from './domain/price-caps';

/** A client that has just created an event lists a ticket for it before event:created got here. */
export const defaultEventReplicaWaitMs = 2000;

export const ticketsConfigSchema = z.object({
  ...baseConfigShape('tickets'),
  /** `COUNTRY=ratio` pairs and `default=ratio`, e.g. `default=1.2,FR=1.0`: price ≤ faceValue × ratio. */
  RESALE_PRICE_CAPS: z.string().default(DEFAULT_RESALE_PRICE_CAPS).transform((text, context) => {
    const parsed = parsePriceCaps(text);
    if ('caps' in parsed) return parsed.caps;
    context.addIssue({ code: 'custom', message: `${parsed.error} (expected e.g. ${DEFAULT_RESALE_PRICE_CAPS})` });
    return z.NEVER;
  }),
  /** How long POST /api/tickets waits for an unknown eventId to reach the replica before 400. */
  EVENT_REPLICA_WAIT_MS: z.coerce.number().int().nonnegative().default(defaultEventReplicaWaitMs),
});
export type TicketsConfig = z.infer<typeof ticketsConfigSchema>;
