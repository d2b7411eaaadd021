// A ticket event's data as a row of the listings replica; null for a ticket tied to no event
// (catalog keeps only event listings). Reserved: an order holds it (orderId present).
import type { EventData } from '@ticketing/common';
import type { ListingRow } from './listing-json';
import { toCents } from './money';

export function listingOf(data: EventData<'ticket:created'> | EventData<'ticket:updated'>): ListingRow | null {
  if (!data.eventId) return null;
  return {
    id: data.id, eventId: data.eventId, title: data.title, priceCents: toCents(data.price),
    faceValueCents: data.faceValue === undefined ? null : toCents(data.faceValue), capPercent: data.capPercent ?? null,
    userId: data.userId, reserved: 'orderId' in data && data.orderId !== undefined, withdrawn: data.withdrawn === true,
    version: data.version,
  };
}
