// Event JSON of docs/events-and-price-caps.md: {id, name, venue, city, country, startsAt, status,
// version, userId}; in the browse list and on its own page also what is on sale for it.
import { fromCents } from './money';

export type EventStatus = 'scheduled' | 'cancelled';

export interface EventRow {
  id: string;
  name: string;
  venue: string;
  city: string;
  country: string;
  startsAt: Date;
  status: EventStatus;
  version: number;
  userId: string;
}

export interface EventJson {
  id: string;
  name: string;
  venue: string;
  city: string;
  country: string;
  startsAt: string;
  status: EventStatus;
  version: number;
  userId: string;
}

export interface Availability {
  availableTickets: number;
  /** Cheapest available listing, minor units; null when none is available. */
  minPriceCents: number | null;
}

export function toEventJson(event: EventRow): EventJson {
  return {
    id: event.id, name: event.name, venue: event.venue, city: event.city, country: event.country,
    startsAt: event.startsAt.toISOString(), status: event.status, version: event.version, userId: event.userId,
  };
}

export function toEventWithAvailabilityJson(event: EventRow & Availability) {
  return {
    ...toEventJson(event),
    availableTickets: event.availableTickets,
    minPrice: event.minPriceCents === null ? null : fromCents(event.minPriceCents),
  };
}
