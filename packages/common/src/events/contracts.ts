// The event contract of ../../shared/spec/events.md: one schema per subject plus the envelope.
// Publishers (outbox) and consumers (inbox) validate against the same schemas.
import { z } from 'zod';

const id = z.uuid();
const price = z.number().positive();
const instant = z.iso.datetime({ offset: true });

// An event (a concert on a date at a venue), owned by catalog. Every catalog event carries the
// whole record, so a replica is one upsert under the version rule. `country` is ISO 3166-1 alpha-2.
const eventRecord = {
  id, name: z.string().min(1), venue: z.string().min(1), city: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/), startsAt: instant, userId: id,
};

// A listing's tie to an event (issue 15): fixed at listing time, carried on every ticket event so
// replicas that keep only event listings (catalog) can skip the others. `capPercent`: the resale
// cap that applied (price ≤ faceValue × capPercent / 100). `withdrawn`: the ticket is no longer
// for sale (its event was cancelled); a withdrawn ticket is never available again.
// `generation` (issue 17): how many times the ticket was sold and listed again (absent: 0). A resale
// listing is generation n + 1; an order is for one generation, so a ticket sold before can be sold
// again while its earlier order stays complete.
const generation = z.number().int().nonnegative();
const listingFields = {
  eventId: id.optional(), faceValue: price.optional(), capPercent: z.number().int().positive().optional(),
  withdrawn: z.boolean().optional(), generation: generation.optional(),
};

export const eventSchemas = {
  'ticket:created': z.object({
    id, version: z.literal(0), title: z.string().min(1), price, userId: id, ...listingFields,
  }),
  'ticket:updated': z.object({
    id, version: z.number().int().positive(), title: z.string().min(1), price, userId: id,
    orderId: id.optional(), ...listingFields,
  }),
  // `ticket` holds the terms the buyer was shown, as orders recorded them: payments charges that
  // price, and tickets refuses the reservation if the ticket's terms changed meanwhile (title and
  // version are optional so that events published before they existed still validate).
  // `generation` and `sellerId` (issue 17): the listing the order is for and who sold it, as orders'
  // replica had them (payouts pays that seller, a reseller included).
  'order:created': z.object({
    id, version: z.literal(0), status: z.literal('created'), userId: id, expiresAt: z.iso.datetime({ offset: true }),
    ticket: z.object({
      id, price, title: z.string().min(1).optional(), version: z.number().int().nonnegative().optional(),
      generation: generation.optional(), sellerId: id.optional(),
    }),
  }),
  // Issue 17: the order was paid (orders marked it complete). Its buyer now holds that generation of
  // the ticket: tickets lets them resell it, delivery issues their pass and revokes the one before.
  'order:completed': z.object({
    id, version: z.number().int().positive(), userId: id, ticket: z.object({ id, generation: generation.optional() }),
  }),
  // `reason` 'event-cancelled': the ticket's event was cancelled, so tickets withdraws the ticket
  // rather than putting it back on sale, and a paid order is refunded (its status is `refunded`).
  'order:cancelled': z.object({
    id, version: z.number().int().positive(), ticket: z.object({ id }),
    reason: z.enum(['event-cancelled']).optional(),
  }),
  // Tickets did not reserve the ticket for this order: the seller changed its price or title after
  // the order saw it (the edit reached tickets before the order:created). Orders cancels the order.
  // 'withdrawn': the ticket is no longer for sale (its event was cancelled).
  'ticket:reservation-rejected': z.object({ orderId: id, ticketId: id, reason: z.enum(['terms-changed', 'withdrawn']) }),
  'expiration:complete': z.object({ orderId: id }),
  'event:created': z.object({ ...eventRecord, version: z.literal(0), status: z.literal('scheduled') }),
  'event:updated': z.object({ ...eventRecord, version: z.number().int().positive(), status: z.literal('scheduled') }),
  // Final: a cancelled event is never scheduled again. Tickets withdraws its listings, orders
  // cancels its open orders and refunds its paid ones (through order:cancelled → payments).
  'event:cancelled': z.object({ ...eventRecord, version: z.number().int().positive(), status: z.literal('cancelled') }),
  // `amount` (integer minor units, as charged), `currency` and `chargeId` (the PaymentIntent's
  // charge, a transfer's source_transaction) are what payouts books (issue 16); optional so that
  // events published before they existed still validate.
  'payment:created': z.object({
    id, orderId: id, stripeId: z.string().min(1),
    amount: z.number().int().positive().optional(), currency: z.string().regex(/^[a-z]{3}$/).optional(), chargeId: z.string().min(1).optional(),
  }),
  'payment:refunded': z.object({
    id, orderId: id, stripeId: z.string().min(1), refundId: z.string().min(1),
    amount: z.number().int().positive().optional(), currency: z.string().regex(/^[a-z]{3}$/).optional(),
  }),
  // Auth revoked sessions: one (`sessionId`, on sign-out) or every session of the user issued before
  // `before` (`all`, "sign out everywhere"). Every service keeps it until `expiresAt`, when no token
  // it names can still be unexpired, and refuses those tokens (packages/common/src/sessions).
  'session:revoked': z.object({
    userId: id, sessionId: id.optional(), all: z.literal(true).optional(), before: z.iso.datetime({ offset: true }).optional(),
    expiresAt: z.iso.datetime({ offset: true }),
  }).refine((data) => (data.sessionId !== undefined) !== (data.all === true && data.before !== undefined),
    { error: 'session:revoked names either a sessionId or all with before' }),
} as const;

export type Subject = keyof typeof eventSchemas;
export const subjects = Object.keys(eventSchemas) as Subject[];
export type EventData<S extends Subject> = z.infer<(typeof eventSchemas)[S]>;

export interface Envelope<S extends Subject = Subject> {
  id: string;
  subject: S;
  occurredAt: string;
  data: EventData<S>;
}

export const envelopeSchema = z.object({
  id,
  subject: z.enum(subjects as [Subject, ...Subject[]]),
  occurredAt: z.iso.datetime({ offset: true }),
  data: z.unknown(),
});

export function isSubject(value: string): value is Subject {
  return Object.hasOwn(eventSchemas, value);
}

/** Thrown when a message is not a valid envelope for its subject: it goes to dead letters at once. */
export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

/** Parses and validates a message body; never half-accepts one. */
export function decodeEnvelope(body: string | Uint8Array): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
  } catch {
    throw new InvalidMessageError('message body is not JSON');
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw new InvalidMessageError(`invalid envelope: ${z.prettifyError(envelope.error)}`);
  const data = eventSchemas[envelope.data.subject].safeParse(envelope.data.data);
  if (!data.success) {
    throw new InvalidMessageError(`invalid ${envelope.data.subject} data: ${z.prettifyError(data.error)}`);
  }
  return { ...envelope.data, data: data.data } as Envelope;
}

/** Validates outgoing data (a bad payload is our bug: it fails the transaction that writes it). */
export function makeEnvelope<S extends Subject>(subject: S, data: EventData<S>, eventId: string = crypto.randomUUID()): Envelope<S> {
  const parsed = eventSchemas[subject].parse(data) as EventData<S>;
  return { id: eventId, subject, occurredAt: new Date().toISOString(), data: parsed };
}
